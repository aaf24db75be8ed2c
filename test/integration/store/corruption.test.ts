import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreError } from "../../../src/errors/index.js";
import { createStoreFixture, RUN, type StoreFixture } from "./store-fixture.js";

let fx: StoreFixture;
beforeEach(async () => {
  fx = await createStoreFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

/** A store with enough audit rows to span several pages, closed so the WAL is folded into the file. */
function seed(): void {
  const store = fx.open();
  const run = store.startRun(RUN);
  for (let i = 0; i < 300; i++) {
    store.audit({
      runId: run.id,
      system: "github",
      action: "add-label",
      target: `issue #${i}`,
      outcome: "ok",
      detail: { i, note: "x".repeat(200) },
    });
    fx.clock.advance(1000);
  }
  store.close();
}

/** Where a table's or index's leaf pages are, read the way SQLite lays them out (dbstat). */
function leafPage(name: string): { offset: number; size: number } {
  const db = new Database(fx.path, { readonly: true });
  try {
    const page = db
      .prepare(`SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno LIMIT 1`)
      .pluck()
      .get(name);
    const size = db.pragma("page_size", { simple: true });
    if (typeof page !== "number" || typeof size !== "number") throw new Error(`no leaf page for ${name}`);
    return { offset: (page - 1) * size, size };
  } finally {
    db.close();
  }
}

function patchFile(patch: (bytes: Buffer) => void): void {
  const bytes = readFileSync(fx.path);
  patch(bytes);
  writeFileSync(fx.path, bytes);
}

describe("a damaged store is reported, never discarded", () => {
  it("a file of random bytes is a StoreError on open, and is left as it was", async () => {
    await mkdir(dirname(fx.path), { recursive: true });
    const garbage = randomBytes(8192);
    writeFileSync(fx.path, garbage);

    expect(() => fx.open()).toThrow(StoreError);
    expect(() => fx.open()).toThrow(/is not a valid my-little-soda database/);
    expect(readFileSync(fx.path).equals(garbage)).toBe(true);
  });

  it("a page overwritten with garbage: open refuses it, and integrityCheck reports it when opened without the check", () => {
    seed();
    const { offset, size } = leafPage("audit_log");
    patchFile((bytes) => bytes.fill(0xff, offset, offset + size));
    const damaged = readFileSync(fx.path);

    expect(() => fx.open()).toThrow(StoreError);
    const store = fx.open({ check: "none" });
    const report = store.integrityCheck();
    expect(report.ok).toBe(false);
    expect(report.messages.join("\n")).toMatch(/malformed|corrupt|btreeInitPage/i);
    expect(() => store.auditEntries()).toThrow(StoreError);
    expect(readFileSync(fx.path).equals(damaged)).toBe(true);
  });

  it("an index entry that no longer matches its row: the full check finds what the quick one on open does not", () => {
    seed();
    const { offset, size } = leafPage("audit_log_by_at");
    patchFile((bytes) => {
      const page = bytes.subarray(offset, offset + size);
      expect(page[0]).toBe(0x0a); // an index leaf page
      // The first cell (its offset is the first entry of the cell pointer array after the 8-byte
      // header), not stale bytes in the page's free space.
      const at = page.indexOf("2030-01-01T00:0", page.readUInt16BE(8));
      expect(at).toBeGreaterThan(0);
      page[at + 3] = "1".charCodeAt(0); // 2030 → 2031 in the index only
    });

    const store = fx.open();
    expect(store.auditEntries({ limit: 5 })).toHaveLength(5);
    const report = store.integrityCheck();
    expect(report.ok).toBe(false);
    expect(report.messages).toContain("row 1 missing from index audit_log_by_at");
    store.close();
    expect(() => fx.open({ check: "full" })).toThrow(/is damaged: row \d+ missing from index audit_log_by_at/);
  });

  it("a sound store passes the full check", () => {
    seed();
    expect(fx.open({ check: "full" }).integrityCheck()).toEqual({ ok: true, messages: [] });
  });

  it("a hand-edited row is a StoreError naming the table and field, not undefined later", () => {
    const store = fx.open();
    const run = store.startRun(RUN);
    const item = store.createWorkItem({
      runId: run.id,
      issueNumber: 7,
      expected: { issueNumber: 7, branch: "agent001/7-x" },
    });
    const raw = new Database(fx.path);
    raw
      .prepare(`UPDATE work_items SET expected = ?, state = 'teleport' WHERE id = ?`)
      .run(`{"issueNumber":"seven"}`, item.id);
    // The CHECK (json_valid) refuses text that is not JSON at all; JSON of the wrong shape gets in.
    expect(() => raw.prepare(`UPDATE runs SET options = 'not json' WHERE id = ?`).run(run.id)).toThrow(/CHECK/);
    raw.prepare(`UPDATE runs SET options = '[1, 2]' WHERE id = ?`).run(run.id);
    raw.close();

    expect(() => store.workItem(item.id)).toThrow(StoreError);
    expect(() => store.workItem(item.id)).toThrow(/unreadable work item[\s\S]*state[\s\S]*issueNumber/);
    expect(() => store.run(run.id)).toThrow(/unreadable run[\s\S]*options/);
  });
});
