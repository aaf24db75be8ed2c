import { randomUUID } from "node:crypto";
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { StoreError } from "../errors/index.js";
import { findIntegrityProblems } from "./integrity.js";
import { migrate } from "./migrations.js";
import { isProcessAlive } from "./process-alive.js";
import { toStoreError } from "./sqlite-errors.js";
import { SqliteStore } from "./sqlite-store.js";
import type { StoreContext } from "./store-context.js";

export interface OpenStoreOptions {
  path: string;
  now?: () => Date;
  /** Whether a pid is alive on this host; `process.kill(pid, 0)` by default. */
  isAlive?: (pid: number) => boolean;
  /** This process; by default its pid and start time. */
  self?: { pid: number; startedAt: Date };
  newId?: () => string;
  /** Values never to store (the token), besides anything shaped like a GitHub token. */
  secrets?: readonly string[];
  /** Bound on HTTP cache rows; the oldest are evicted. Default 5,000. */
  httpCacheMaxEntries?: number;
  /**
   * The check made on open: `quick` (default) refuses a file whose pages are damaged; `full`
   * also compares indexes with tables; `none` leaves it to `integrityCheck()` (for reporting).
   */
  check?: "quick" | "full" | "none";
}

const BUSY_TIMEOUT_MS = 5_000;
const FILE_MODE = 0o600;

/**
 * Open (creating if needed) the state database: WAL, a busy timeout, foreign keys, mode 0600,
 * migrated to the latest schema. A file that is not a sound database is a `StoreError`; it is
 * never discarded or recreated.
 */
export function openStore(options: OpenStoreOptions): SqliteStore {
  const path = resolve(options.path);
  const now = options.now ?? (() => new Date());
  createPrivateFile(path);
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
  } catch (error) {
    throw toStoreError(error, path);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const mode = db.pragma("journal_mode = WAL", { simple: true });
    if (mode !== "wal") {
      throw new StoreError(`${path} cannot use write-ahead logging (journal mode ${String(mode)})`, {
        hint: "put the database on a local file system ([database] path in my-little-soda.toml)",
      });
    }
    db.pragma("foreign_keys = ON");
    const check = options.check ?? "quick";
    if (check !== "none") refuseDamaged(db, path, check);
    migrate(db, path);
    restrictPermissions(path);
  } catch (error) {
    db.close();
    throw toStoreError(error, path);
  }
  const ctx: StoreContext = {
    db,
    path,
    now,
    newId: options.newId ?? randomUUID,
    isAlive: options.isAlive ?? isProcessAlive,
    self: options.self ?? { pid: process.pid, startedAt: new Date(now().getTime() - process.uptime() * 1000) },
    secrets: options.secrets ?? [],
    httpCacheMaxEntries: options.httpCacheMaxEntries ?? 5_000,
  };
  return new SqliteStore(ctx);
}

/** Created 0600 from the start, so the file is never readable by others, not even briefly. */
function createPrivateFile(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    closeSync(openSync(path, "a", FILE_MODE));
  } catch (error) {
    throw new StoreError(`cannot create ${path}: ${(error as Error).message}`, {
      hint: "check the [database] path and the directory's permissions",
      cause: error,
    });
  }
}

function refuseDamaged(db: Database.Database, path: string, kind: "quick" | "full"): void {
  const problems = findIntegrityProblems(db, kind);
  if (problems.length === 0) return;
  throw new StoreError(`${path} is damaged: ${problems.slice(0, 3).join("; ")}`, {
    hint: "move the file aside to start with empty local state (the old one is kept for inspection)",
    details: problems.join("\n"),
  });
}

/** The database and its WAL companions: SQLite creates those with the database's mode, but enforce it. */
function restrictPermissions(path: string): void {
  if (process.platform === "win32") return;
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    let mode: number;
    try {
      mode = statSync(file).mode & 0o777;
    } catch {
      continue; // not there (yet)
    }
    if (mode === FILE_MODE) continue;
    try {
      chmodSync(file, FILE_MODE);
    } catch (error) {
      throw new StoreError(`cannot make ${file} private (mode 0600): ${(error as Error).message}`, { cause: error });
    }
  }
}
