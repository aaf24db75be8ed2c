import { existsSync, statSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreError } from "../../../src/errors/index.js";
import { LATEST_SCHEMA_VERSION } from "../../../src/store/migrations.js";
import { createStoreFixture, RUN, type StoreFixture } from "./store-fixture.js";

let fx: StoreFixture;
beforeEach(async () => {
  fx = await createStoreFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

function tables(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
}

describe("openStore", () => {
  it("creates the directory and migrates a new file to the latest schema version", () => {
    const store = fx.open();
    expect(store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(1);
    expect(tables(fx.path)).toEqual([
      "audit_log",
      "checkpoints",
      "drift_events",
      "http_cache",
      "loop_lock",
      "recovery_events",
      "runs",
      "trust_refusals",
      "work_items",
    ]);
  });

  it("re-opens an up-to-date file without migrating again and keeps its rows", () => {
    const first = fx.open();
    const run = first.startRun(RUN);
    first.close();
    const again = fx.open();
    expect(again.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(again.run(run.id)).toEqual(run);
  });

  it("refuses a file whose schema is newer than this code knows, and leaves it unchanged", () => {
    fx.open().close();
    const raw = new Database(fx.path);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();

    expect(() => fx.open()).toThrow(StoreError);
    expect(() => fx.open()).toThrow(/newer than this version of my-little-soda knows/);
    const check = new Database(fx.path, { readonly: true });
    expect(check.pragma("user_version", { simple: true })).toBe(LATEST_SCHEMA_VERSION + 1);
    check.close();
  });

  it("turns on WAL, foreign keys and a busy timeout", () => {
    fx.open();
    const raw = new Database(fx.path, { readonly: true });
    // journal_mode=WAL is stored in the file; the other two are per connection, so look at the store's.
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
    const store = fx.open();
    const db = (store as unknown as { ctx: { db: Database.Database } }).ctx.db;
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.pragma("busy_timeout", { simple: true })).toBe(5000);
  });

  it("keeps the database and its WAL files private (0600), also when the file existed with a looser mode", async () => {
    await mkdir(dirname(fx.path), { recursive: true });
    writeFileSync(fx.path, "", { mode: 0o644 });
    expect(statSync(fx.path).mode & 0o777).toBe(0o644);

    const store = fx.open();
    store.startRun(RUN);
    for (const file of [fx.path, `${fx.path}-wal`, `${fx.path}-shm`]) {
      expect(existsSync(file), file).toBe(true);
      expect((statSync(file).mode & 0o777).toString(8), file).toBe("600");
    }
  });
});
