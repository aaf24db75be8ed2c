import Database from "better-sqlite3";
import type { LocalStateTally } from "../core/reset/clear-local.js";
import { toStoreError } from "./sqlite-errors.js";

/**
 * How many rows `reset --state-only` / `--recovery-only` would delete, for `--dry-run` and the
 * confirmation question. A read-only connection of its own: the Store port has no counts, and
 * counting must not write anything.
 */
export function countLocalState(path: string): LocalStateTally {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const row = db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM runs) AS runs,
                (SELECT COUNT(*) FROM work_items) AS workItems,
                (SELECT COUNT(*) FROM checkpoints) AS checkpoints,
                (SELECT COUNT(*) FROM recovery_events) AS recoveries`,
      )
      .get() as LocalStateTally;
    return { runs: row.runs, workItems: row.workItems, checkpoints: row.checkpoints, recoveries: row.recoveries };
  } catch (error) {
    throw toStoreError(error, path);
  } finally {
    db?.close();
  }
}
