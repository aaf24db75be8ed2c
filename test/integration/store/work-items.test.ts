import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreError } from "../../../src/errors/index.js";
import type { SqliteStore } from "../../../src/store/sqlite-store.js";
import { createStoreFixture, RUN, START, type StoreFixture } from "./store-fixture.js";

let fx: StoreFixture;
let store: SqliteStore;
let runId: string;
beforeEach(async () => {
  fx = await createStoreFixture();
  store = fx.open();
  runId = store.startRun(RUN).id;
});
afterEach(async () => {
  await fx.cleanup();
});

describe("work items and checkpoints", () => {
  it("createWorkItem numbers attempts per issue and writes the first checkpoint", () => {
    const first = store.createWorkItem({ runId, issueNumber: 12, detail: { why: "queue head" } });
    const other = store.createWorkItem({ runId, issueNumber: 13, state: "claim" });
    const second = store.createWorkItem({ runId, issueNumber: 12 });

    expect([first.attempt, other.attempt, second.attempt]).toEqual([1, 1, 2]);
    expect(first).toMatchObject({ runId, issueNumber: 12, state: "reconcile", createdAt: new Date(START) });
    expect(first.branch).toBeUndefined();
    expect(store.checkpoints(first.id)).toEqual([
      {
        id: expect.any(Number),
        workItemId: first.id,
        runId,
        fromState: undefined,
        toState: "reconcile",
        at: new Date(START),
        detail: { why: "queue head" },
      },
    ]);
    expect(store.checkpoints(other.id).map((c) => c.toState)).toEqual(["claim"]);
    expect(store.attemptsFor(12).map((w) => w.id)).toEqual([first.id, second.id]);
  });

  it("transition updates the item and appends a checkpoint; undefined keeps a field, null clears it", () => {
    const item = store.createWorkItem({ runId, issueNumber: 12 });
    fx.clock.advance(60_000);
    const expected = { issueNumber: 12, login: "octo", agentLabel: "agent001", epoch: 3, branch: "agent001/12-fix" };
    const claim = store.transition(item.id, {
      to: "claim",
      claimEpoch: 3,
      expected,
      detail: { ref: "refs/my-little-soda/claims/12" },
    });
    expect(claim).toMatchObject({
      workItemId: item.id,
      runId,
      fromState: "reconcile",
      toState: "claim",
      at: new Date(Date.parse(START) + 60_000),
    });

    store.transition(item.id, {
      to: "run-agent",
      branch: "agent001/12-fix",
      baseSha: "b".repeat(40),
      agentPid: 900,
      agentPgid: 900,
    });
    store.transition(item.id, { to: "check-evidence", agentPid: null, agentPgid: null, headSha: "c".repeat(40) });

    const now = store.workItem(item.id);
    expect(now).toMatchObject({
      state: "check-evidence",
      branch: "agent001/12-fix",
      baseSha: "b".repeat(40),
      headSha: "c".repeat(40),
      claimEpoch: 3,
      expected,
      updatedAt: new Date(Date.parse(START) + 60_000),
      createdAt: new Date(START),
    });
    expect(now?.agentPid).toBeUndefined();
    expect(now?.agentPgid).toBeUndefined();
    expect(store.checkpoints(item.id).map((c) => `${c.fromState ?? "∅"}→${c.toState}`)).toEqual([
      "∅→reconcile",
      "reconcile→claim",
      "claim→run-agent",
      "run-agent→check-evidence",
    ]);
  });

  it("a failure inside a transition leaves both the item and the checkpoints as they were", () => {
    const item = store.createWorkItem({ runId, issueNumber: 12 });
    // Make the second statement of the transaction (the checkpoint insert) fail, after the update ran.
    const raw = new Database(fx.path);
    raw.exec(`CREATE TRIGGER fail_checkpoint BEFORE INSERT ON checkpoints BEGIN SELECT RAISE(ABORT, 'disk gone'); END`);
    raw.close();

    expect(() => store.transition(item.id, { to: "claim", branch: "agent001/12-fix" })).toThrow(StoreError);
    expect(store.workItem(item.id)).toEqual(item);
    expect(store.checkpoints(item.id)).toHaveLength(1);
  });

  it("refuses to move a work item out of a terminal state", () => {
    const item = store.createWorkItem({ runId, issueNumber: 12 });
    store.transition(item.id, { to: "escalated" });
    expect(() => store.transition(item.id, { to: "claim" })).toThrow(StoreError);
    expect(() => store.transition(item.id, { to: "claim" })).toThrow(/already escalated; it cannot move to claim/);
    expect(store.workItem(item.id)?.state).toBe("escalated");
    expect(store.checkpoints(item.id)).toHaveLength(2);
  });

  it("refuses unknown work items and runs, and a malformed expected state", () => {
    expect(() => store.transition(999, { to: "claim" })).toThrow(/no work item 999/);
    expect(() => store.createWorkItem({ runId: "nope", issueNumber: 1 })).toThrow(/no run nope/);
    const item = store.createWorkItem({ runId, issueNumber: 12 });
    expect(() => store.transition(item.id, { to: "claim", runId: "nope" })).toThrow(/no run nope/);
    const malformed = { issueNumber: "12" } as unknown as { issueNumber: number };
    expect(() => store.transition(item.id, { to: "claim", expected: malformed })).toThrow(
      /invalid expected state[\s\S]*issueNumber/,
    );
    expect(store.workItem(item.id)?.state).toBe("reconcile");
  });

  it("unfinished items are the agent's non-terminal ones, newest first; latestCheckpoint follows the last transition", () => {
    const other = store.startRun({ ...RUN, agentId: "agent002" }).id;
    const done = store.createWorkItem({ runId, issueNumber: 1 });
    store.transition(done.id, { to: "done" });
    const older = store.createWorkItem({ runId, issueNumber: 2 });
    const newer = store.createWorkItem({ runId, issueNumber: 3 });
    const theirs = store.createWorkItem({ runId: other, issueNumber: 4 });
    const resumed = store.startRun(RUN).id;
    const last = store.transition(older.id, { to: "claim", runId: resumed });

    expect(store.unfinishedWorkItems("agent001").map((w) => w.id)).toEqual([newer.id, older.id]);
    expect(store.latestCheckpoint("agent001")).toEqual(last);
    expect(store.latestCheckpoint("agent002")?.workItemId).toBe(theirs.id);
    expect(store.latestCheckpoint()).toEqual(last);
    expect(store.latestCheckpoint("agent003")).toBeUndefined();
  });

  it("checkpoints are append-only", () => {
    const item = store.createWorkItem({ runId, issueNumber: 12 });
    const raw = new Database(fx.path);
    expect(() => raw.prepare(`UPDATE checkpoints SET to_state = 'done' WHERE work_item_id = ?`).run(item.id)).toThrow(
      /append-only/,
    );
    raw.close();
  });

  it("clearLocalState removes runs, work items and checkpoints but keeps the audit log and event history", () => {
    const item = store.createWorkItem({ runId, issueNumber: 12 });
    store.transition(item.id, { to: "claim" });
    store.audit({
      runId,
      workItemId: item.id,
      system: "github",
      action: "create-claim-ref",
      target: "issue #12",
      outcome: "ok",
    });
    store.recordRecovery({
      errorClass: "network",
      strategy: "backoff",
      tries: 2,
      outcome: "recovered",
      durationMs: 1500,
    });

    expect(store.clearLocalState()).toEqual({ runs: 1, workItems: 1, checkpoints: 2 });
    expect(store.workItem(item.id)).toBeUndefined();
    expect(store.latestRun(RUN.agentId)).toBeUndefined();
    expect(store.auditEntries()).toHaveLength(1);
    expect(store.listRecoveries()).toHaveLength(1);

    // Ids are not reused, so the audit entry never points at a different work item.
    const again = store.createWorkItem({ runId: store.startRun(RUN).id, issueNumber: 12 });
    expect(again.id).toBeGreaterThan(item.id);
    expect(again.attempt).toBe(1);
  });
});

describe("the report's window", () => {
  it("workItemsSince: the items created or moved at or after a time, any agent's, oldest first", () => {
    const old = store.createWorkItem({ runId, issueNumber: 1 });
    store.transition(old.id, { to: "done" });
    fx.clock.advance(60_000);
    const since = fx.clock.now();
    const moved = store.createWorkItem({ runId, issueNumber: 2 });
    fx.clock.advance(1_000);
    const otherRun = store.startRun({ ...RUN, agentId: "agent002" }).id;
    const other = store.createWorkItem({ runId: otherRun, issueNumber: 3 });
    store.transition(moved.id, { to: "claim" });

    expect(store.workItemsSince(since).map((item) => item.id)).toEqual([moved.id, other.id]);
    expect(store.workItemsSince(new Date(0)).map((item) => item.id)).toEqual([old.id, moved.id, other.id]);
    expect(store.workItemsSince(fx.clock.now())).toHaveLength(2);
  });
});
