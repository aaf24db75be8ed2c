import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStoreFixture, START, type StoreFixture } from "./store-fixture.js";

let fx: StoreFixture;
beforeEach(async () => {
  fx = await createStoreFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

const KEY = { repository: "acme/widgets", agentId: "agent001" };
const holderA = { ...KEY, pid: 100, host: "box", runId: "run-a" };
const holderB = { ...KEY, pid: 200, host: "box", runId: "run-b" };

describe("two connections to one file", () => {
  it("see each other's writes", () => {
    const a = fx.open();
    const b = fx.open();
    const run = a.startRun({ agentId: "agent001", host: "box", pid: 1, repository: "acme/widgets" });
    const item = a.createWorkItem({ runId: run.id, issueNumber: 5 });
    b.transition(item.id, { to: "claim" });
    expect(a.workItem(item.id)?.state).toBe("claim");
    expect(b.latestRun("agent001")).toEqual(run);
  });

  it("the loop lock lets exactly one acquire; the other learns who holds it", () => {
    const a = fx.open();
    const b = fx.open();
    expect(a.acquireLoopLock(holderA)).toEqual({ acquired: true });
    fx.clock.advance(1000);
    expect(b.acquireLoopLock(holderB)).toEqual({
      acquired: false,
      holder: { pid: 100, host: "box", runId: "run-a", since: new Date(START), heartbeatAt: new Date(START) },
    });
    // Another agent id, or another repository, is another lock.
    expect(b.acquireLoopLock({ ...holderB, agentId: "agent002" })).toEqual({ acquired: true });
    expect(b.acquireLoopLock({ ...holderB, repository: "acme/gadgets" })).toEqual({ acquired: true });
    // Acquiring again with the same run is idempotent.
    expect(a.acquireLoopLock(holderA)).toEqual({ acquired: true });
  });

  it("heartbeat and release work only for the holding run", () => {
    const a = fx.open();
    const b = fx.open();
    a.acquireLoopLock(holderA);
    fx.clock.advance(30_000);
    expect(b.heartbeatLoopLock({ ...KEY, runId: "run-b" })).toBe(false);
    expect(a.heartbeatLoopLock({ ...KEY, runId: "run-a" })).toBe(true);
    expect(b.loopLock(KEY)?.heartbeatAt).toEqual(new Date(Date.parse(START) + 30_000));
    expect(b.releaseLoopLock({ ...KEY, runId: "run-b" })).toBe(false);
    expect(a.releaseLoopLock({ ...KEY, runId: "run-a" })).toBe(true);
    expect(b.loopLock(KEY)).toBeUndefined();
    expect(b.acquireLoopLock(holderB)).toEqual({ acquired: true });
  });

  it("a lock held by a dead pid on this host is taken over, and the takeover reported", () => {
    fx.open().acquireLoopLock(holderA);
    fx.clock.advance(1000);
    const b = fx.open({ isAlive: (pid) => pid !== 100 });
    const result = b.acquireLoopLock(holderB);
    expect(result).toEqual({
      acquired: true,
      takeover: {
        reason: "process-gone",
        holder: { pid: 100, host: "box", runId: "run-a", since: new Date(START), heartbeatAt: new Date(START) },
      },
    });
    expect(b.loopLock(KEY)).toMatchObject({ pid: 200, runId: "run-b", since: new Date(Date.parse(START) + 1000) });
    // The former holder has lost it: its heartbeat says so.
    expect(b.heartbeatLoopLock({ ...KEY, runId: "run-a" })).toBe(false);
  });

  it("a lock on another host is kept, unless its heartbeat is older than the caller's staleAfterMs", () => {
    fx.open().acquireLoopLock({ ...holderA, host: "far-box" });
    const b = fx.open({ isAlive: () => false });
    fx.clock.advance(60_000);
    expect(b.acquireLoopLock(holderB)).toMatchObject({ acquired: false, holder: { host: "far-box" } });
    expect(b.acquireLoopLock({ ...holderB, staleAfterMs: 120_000 })).toMatchObject({ acquired: false });
    expect(b.acquireLoopLock({ ...holderB, staleAfterMs: 30_000 })).toMatchObject({
      acquired: true,
      takeover: { reason: "heartbeat-stale", holder: { host: "far-box", runId: "run-a" } },
    });
  });
});
