import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LATEST_SCHEMA_VERSION } from "../../../src/store/migrations.js";
import { inspectStore } from "../../../src/store/inspect-store.js";
import { createStoreFixture, type StoreFixture } from "./store-fixture.js";

let fx: StoreFixture;
beforeEach(async () => {
  fx = await createStoreFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

/** The state directory's files and their bytes. */
function snapshot(): Record<string, string> {
  const dir = dirname(fx.path);
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(`${dir}/${name}`).toString("base64")]));
}

describe("inspectStore (doctor): reads, never writes", () => {
  it("no file: absent, and none is created", () => {
    expect(inspectStore(fx.path)).toEqual({ kind: "absent" });
    expect(() => readdirSync(dirname(fx.path))).toThrow(/ENOENT/);
  });

  it("a closed store: read from a copy, the directory unchanged byte for byte (no -wal, no -shm)", () => {
    const store = fx.open();
    store.acquireLoopLock({ repository: "acme/widgets", agentId: "agent001", pid: 4242, host: "box", runId: "r1" });
    store.close();
    const before = snapshot();
    expect(Object.keys(before)).toEqual(["my-little-soda.db"]);

    const inspection = inspectStore(fx.path);
    expect(inspection).toMatchObject({
      kind: "read",
      schemaVersion: LATEST_SCHEMA_VERSION,
      latestSchemaVersion: LATEST_SCHEMA_VERSION,
      problems: [],
      loopLocks: [{ repository: "acme/widgets", agentId: "agent001", pid: 4242, host: "box" }],
    });
    expect(snapshot()).toEqual(before);
  });

  it("a store a loop has open: read through its WAL, which holds the latest rows", () => {
    const store = fx.open();
    store.acquireLoopLock({ repository: "acme/widgets", agentId: "agent002", pid: 7, host: "box", runId: "r2" });
    const inspection = inspectStore(fx.path);
    expect(inspection).toMatchObject({ kind: "read", problems: [] });
    expect(inspection.kind === "read" && inspection.loopLocks.map((lock) => lock.agentId)).toEqual(["agent002"]);
    store.close();
  });

  it("a loop lock row the loop itself would refuse (a date that is none): unreadable, not a crash", () => {
    const store = fx.open();
    store.acquireLoopLock({ repository: "acme/widgets", agentId: "agent001", pid: 4242, host: "box", runId: "r1" });
    store.close();
    const db = new Database(fx.path);
    db.prepare(`UPDATE loop_lock SET heartbeat_at = 'yesterday'`).run();
    db.close();
    const inspection = inspectStore(fx.path);
    expect(inspection).toMatchObject({ kind: "unreadable", message: expect.stringContaining("loop lock") });
  });

  it("a file that is not a database: unreadable, left as it was", async () => {
    await mkdir(dirname(fx.path), { recursive: true });
    writeFileSync(fx.path, Buffer.alloc(8192, 0x42));
    const before = snapshot();
    const inspection = inspectStore(fx.path);
    expect(inspection.kind).toBe("unreadable");
    expect(inspection.kind === "unreadable" && inspection.message).toMatch(/not a database/);
    expect(snapshot()).toEqual(before);
  });

  it("a damaged page: the integrity check's findings", () => {
    const store = fx.open();
    for (let i = 0; i < 200; i++) {
      store.audit({
        system: "github",
        action: "add-label",
        target: `#${i}`,
        outcome: "ok",
        detail: { note: "x".repeat(200) },
      });
    }
    store.close();
    const bytes = readFileSync(fx.path);
    // Somewhere past the schema pages, in the audit log's b-tree.
    bytes.fill(0xff, bytes.length - 8192, bytes.length - 4096);
    writeFileSync(fx.path, bytes);
    const inspection = inspectStore(fx.path);
    const problems =
      inspection.kind === "read" ? inspection.problems : [inspection.kind === "unreadable" ? inspection.message : ""];
    expect(problems.join("\n")).toMatch(
      /malformed|corrupt|btreeInitPage|wrong # of entries|missing from index|Page \d+/i,
    );
  });
});
