import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStoreFixture, START, type StoreFixture } from "./store-fixture.js";

let fx: StoreFixture;
beforeEach(async () => {
  fx = await createStoreFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

const CLASSIC = `ghp_${"A1b2C3d4".repeat(4)}1234`;
const FINE_GRAINED = `github_pat_11ABCDEFG0${"x".repeat(60)}`;
const INSTALLATION = `ghs_${"Z9".repeat(18)}`;
const PLAIN = "0123456789abcdef0123456789abcdef01234567"; // a GHES-style token, known only to the caller

describe("audit log", () => {
  it("records writes and never stores a token, in any field, at any depth", () => {
    const store = fx.open({ secrets: [PLAIN] });
    const entry = store.audit({
      system: "git",
      action: "push",
      target: `https://x-access-token:${INSTALLATION}@github.com/acme/widgets.git`,
      outcome: "error",
      detail: {
        stderr: `remote: invalid credentials ${CLASSIC}`,
        request: { headers: { authorization: `token ${PLAIN}` }, attempts: [FINE_GRAINED, "ok"] },
        note: `Authorization: Bearer ${"q".repeat(30)}`,
        sha: "d".repeat(40),
      },
    });

    expect(entry.target).toBe("https://***@github.com/acme/widgets.git");
    expect(entry.detail).toEqual({
      stderr: "remote: invalid credentials ***",
      request: { headers: { authorization: "***" }, attempts: ["***", "ok"] },
      note: "Authorization: Bearer ***",
      sha: "d".repeat(40),
    });
    expect(store.auditEntries()).toEqual([entry]);
    // Not in the WAL nor, once it is folded in on close, in the database file.
    const wal = readFileSync(`${fx.path}-wal`, "latin1");
    store.close();
    const file = readFileSync(fx.path, "latin1");
    for (const bytes of [wal, file]) {
      for (const secret of [CLASSIC, FINE_GRAINED, INSTALLATION, PLAIN, "q".repeat(30)])
        expect(bytes).not.toContain(secret);
      expect(bytes).toContain("d".repeat(40));
    }
  });

  it("lists entries oldest first, from `since`, the latest `limit` of them", () => {
    const store = fx.open();
    for (let i = 1; i <= 5; i++) {
      store.audit({
        system: "github",
        action: "add-label",
        target: `issue #${i}`,
        outcome: "ok",
        runId: "r",
        workItemId: i,
      });
      fx.clock.advance(60_000);
    }
    const targets = (entries: Array<{ target: string }>) => entries.map((e) => e.target);
    expect(targets(store.auditEntries())).toEqual(["issue #1", "issue #2", "issue #3", "issue #4", "issue #5"]);
    expect(targets(store.auditEntries({ since: new Date(Date.parse(START) + 120_000) }))).toEqual([
      "issue #3",
      "issue #4",
      "issue #5",
    ]);
    expect(targets(store.auditEntries({ limit: 2 }))).toEqual(["issue #4", "issue #5"]);
    expect(store.auditEntries({ limit: 1 })[0]).toMatchObject({
      runId: "r",
      workItemId: 5,
      at: new Date(Date.parse(START) + 240_000),
    });
  });
});
