import type Database from "better-sqlite3";

/** What every table module needs: the connection and the injected environment. */
export interface StoreContext {
  db: Database.Database;
  path: string;
  now: () => Date;
  newId: () => string;
  isAlive: (pid: number) => boolean;
  /** This process: a run or lock under its pid that it did not create is a reused pid's. */
  self: { pid: number; startedAt: Date };
  /** Removed wherever they occur in what is written (besides anything token-shaped). */
  secrets: readonly string[];
  httpCacheMaxEntries: number;
}

/** Run `fn` in a transaction that takes the write lock up front (BEGIN IMMEDIATE). */
export function immediate<T>(ctx: StoreContext, fn: () => T): T {
  return ctx.db.transaction(fn).immediate();
}
