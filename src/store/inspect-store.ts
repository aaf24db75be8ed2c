import { existsSync, readFileSync } from "node:fs";
import Database from "better-sqlite3";
import type { StoredLoopLock, StoreInspection } from "../core/doctor/doctor-ports.js";
import { z } from "zod";
import { findIntegrityProblems } from "./integrity.js";
import { lockRow } from "./loop-lock.js";
import { parseRow } from "./rows.js";
import { LATEST_SCHEMA_VERSION, readSchemaVersion } from "./migrations.js";

/**
 * The store as `doctor` sees it, without writing a byte: no file is created, migrated or
 * checkpointed. Even a read-only SQLite connection to a WAL database creates its `-wal` and `-shm`
 * files and leaves them behind, so where there are none (no connection open: no loop running) the
 * file is read into memory and opened there, its header's WAL marks set back to the rollback
 * journal in that copy only. Where they exist, a loop has the file open (or was killed with it
 * open) and a read-only connection uses them as they are.
 */
export function inspectStore(path: string): StoreInspection {
  if (!existsSync(path)) return { kind: "absent" };
  let db: Database.Database;
  try {
    db = existsSync(`${path}-wal`)
      ? new Database(path, { readonly: true, fileMustExist: true })
      : new Database(inMemoryImage(path), { readonly: true });
  } catch (error) {
    return { kind: "unreadable", message: messageOf(error) };
  }
  try {
    return {
      kind: "read",
      schemaVersion: readSchemaVersion(db),
      latestSchemaVersion: LATEST_SCHEMA_VERSION,
      problems: findIntegrityProblems(db, "full"),
      loopLocks: readLoopLocks(db),
    };
  } catch (error) {
    return { kind: "unreadable", message: messageOf(error) };
  } finally {
    db.close();
  }
}

/** The file's bytes, with header bytes 18–19 (write and read version: 2 = WAL) set to 1 in the copy. */
function inMemoryImage(path: string): Buffer {
  const image = readFileSync(path);
  if (image.length >= 100 && image[18] === 2 && image[19] === 2) {
    image[18] = 1;
    image[19] = 1;
  }
  return image;
}

function readLoopLocks(db: Database.Database): StoredLoopLock[] {
  const table = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'loop_lock'`).get();
  if (table === undefined) return [];
  // Parsed as the loop reads them: a row it would refuse makes the store unreadable here too.
  const keyRow = z.object({ repository: z.string(), agent_id: z.string() });
  return db
    .prepare(`SELECT * FROM loop_lock`)
    .all()
    .map((row) => {
      const key = parseRow(keyRow, row, "loop lock");
      return { repository: key.repository, agentId: key.agent_id, ...parseRow(lockRow, row, "loop lock") };
    });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
