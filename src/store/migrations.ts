import type Database from "better-sqlite3";
import { StoreError } from "../errors/index.js";

/**
 * Schema migrations, keyed on `PRAGMA user_version`: migration i brings the file to version i + 1.
 * Only ever append. Enum-like columns (states, outcomes) carry no CHECK constraint, so adding a
 * value later needs no table rebuild; they are validated when written (types) and read (zod).
 */
export const MIGRATIONS: ReadonlyArray<{ description: string; sql: string }> = [
  {
    description: "runs, work items, checkpoints, audit log, HTTP cache, drift and recovery events, loop lock",
    sql: `
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        agent_id TEXT NOT NULL,
        host TEXT NOT NULL,
        pid INTEGER NOT NULL,
        repository TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT NOT NULL,
        reason TEXT,
        options TEXT NOT NULL CHECK (json_valid(options))
      ) STRICT;
      CREATE INDEX runs_by_agent ON runs (agent_id, started_at);

      -- AUTOINCREMENT: ids are never reused after reset --state-only, so audit, drift and
      -- recovery rows that outlive a work item never point at a different one.
      CREATE TABLE work_items (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id TEXT NOT NULL REFERENCES runs (id),
        issue_number INTEGER NOT NULL,
        attempt INTEGER NOT NULL,
        state TEXT NOT NULL,
        branch TEXT,
        head_sha TEXT,
        base_sha TEXT,
        pr_number INTEGER,
        agent_pid INTEGER,
        agent_pgid INTEGER,
        claim_epoch INTEGER,
        expected TEXT CHECK (expected IS NULL OR json_valid(expected)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (issue_number, attempt)
      ) STRICT;
      CREATE INDEX work_items_by_run ON work_items (run_id);

      CREATE TABLE checkpoints (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        work_item_id INTEGER NOT NULL REFERENCES work_items (id),
        run_id TEXT NOT NULL REFERENCES runs (id),
        from_state TEXT,
        to_state TEXT NOT NULL,
        at TEXT NOT NULL,
        detail TEXT CHECK (detail IS NULL OR json_valid(detail))
      ) STRICT;
      CREATE INDEX checkpoints_by_work_item ON checkpoints (work_item_id);
      CREATE INDEX checkpoints_by_run ON checkpoints (run_id);
      CREATE TRIGGER checkpoints_append_only BEFORE UPDATE ON checkpoints
      BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;

      -- The event tables name runs and work items without a foreign key: they outlive them.
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        run_id TEXT,
        work_item_id INTEGER,
        system TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        outcome TEXT NOT NULL,
        detail TEXT CHECK (detail IS NULL OR json_valid(detail))
      ) STRICT;
      CREATE INDEX audit_log_by_at ON audit_log (at);

      CREATE TABLE http_cache (
        key TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        status INTEGER NOT NULL,
        body TEXT NOT NULL,
        headers TEXT NOT NULL CHECK (json_valid(headers)),
        stored_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX http_cache_by_stored_at ON http_cache (stored_at);

      CREATE TABLE drift_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        run_id TEXT,
        work_item_id INTEGER,
        issue_number INTEGER,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL,
        expected TEXT NOT NULL CHECK (json_valid(expected)),
        found TEXT NOT NULL CHECK (json_valid(found)),
        action TEXT NOT NULL,
        outcome TEXT NOT NULL
      ) STRICT;
      CREATE INDEX drift_events_by_at ON drift_events (at);
      CREATE INDEX drift_events_by_issue ON drift_events (issue_number, at);

      CREATE TABLE recovery_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        run_id TEXT,
        work_item_id INTEGER,
        issue_number INTEGER,
        error_class TEXT NOT NULL,
        strategy TEXT NOT NULL,
        tries INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        duration_ms INTEGER NOT NULL,
        detail TEXT CHECK (detail IS NULL OR json_valid(detail))
      ) STRICT;
      CREATE INDEX recovery_events_by_at ON recovery_events (at);

      CREATE TABLE loop_lock (
        repository TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        pid INTEGER NOT NULL,
        host TEXT NOT NULL,
        run_id TEXT NOT NULL,
        acquired_at TEXT NOT NULL,
        heartbeat_at TEXT NOT NULL,
        PRIMARY KEY (repository, agent_id)
      ) STRICT;
    `,
  },
  {
    description: "work item kinds (deliver an issue, rework a pull request, land it) and rework rounds",
    sql: `
      ALTER TABLE work_items ADD COLUMN kind TEXT NOT NULL DEFAULT 'deliver';
      ALTER TABLE work_items ADD COLUMN round INTEGER;
      CREATE INDEX work_items_by_issue_kind ON work_items (issue_number, kind);
    `,
  },
  {
    description: "issues the trust gate refused, and its one re-approval comment each",
    sql: `
      CREATE TABLE trust_refusals (
        issue_number INTEGER PRIMARY KEY,
        approval TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        comment_posting INTEGER NOT NULL DEFAULT 0,
        comment_url TEXT
      ) STRICT;
    `,
  },
  {
    description: "what the agent reported spending on each work item (cost in US dollars, tokens)",
    sql: `
      ALTER TABLE work_items ADD COLUMN cost_usd REAL;
      ALTER TABLE work_items ADD COLUMN input_tokens INTEGER;
      ALTER TABLE work_items ADD COLUMN output_tokens INTEGER;
    `,
  },
];

/** The schema version this code writes. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

export function readSchemaVersion(db: Database.Database): number {
  const version = db.pragma("user_version", { simple: true });
  if (typeof version !== "number") throw new StoreError(`unexpected user_version: ${String(version)}`);
  return version;
}

/**
 * Bring the file to the latest version, one migration per IMMEDIATE transaction. The version is
 * read again inside each transaction, so two processes opening a new file at once apply each
 * migration exactly once. A file newer than this code is refused, never downgraded.
 */
export function migrate(db: Database.Database, path: string): void {
  const applyNext = db.transaction((): boolean => {
    const version = readSchemaVersion(db);
    if (version > LATEST_SCHEMA_VERSION) {
      throw new StoreError(
        `${path} has schema version ${version}, newer than this version of my-little-soda knows (${LATEST_SCHEMA_VERSION})`,
        { hint: "upgrade my-little-soda; the file was left unchanged" },
      );
    }
    const next = MIGRATIONS[version];
    if (!next) return false;
    db.exec(next.sql);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  // The common case, an up-to-date file, takes no write lock.
  if (readSchemaVersion(db) === LATEST_SCHEMA_VERSION) return;
  while (applyNext.immediate()) {
    // one migration per transaction
  }
}
