import { describe, expect, it } from "vitest";
import type { LoopLockHolder } from "../../../src/core/store-port.js";
import { decideLoopLock } from "../../../src/store/decide-loop-lock.js";

const now = new Date("2030-01-01T01:00:00Z");
const holder: LoopLockHolder = {
  pid: 100,
  host: "box",
  runId: "run-a",
  since: new Date("2030-01-01T00:00:00Z"),
  heartbeatAt: new Date("2030-01-01T00:59:00Z"),
};
const request = { repository: "acme/widgets", agentId: "agent001", pid: 200, host: "box", runId: "run-b" };
const alive = { now, isAlive: () => true };
const dead = { now, isAlive: () => false };

describe("decideLoopLock", () => {
  it("acquires a free lock and renews its own", () => {
    expect(decideLoopLock(undefined, request, alive)).toEqual({ kind: "acquire" });
    expect(decideLoopLock({ ...holder, pid: 200, runId: "run-b" }, request, alive)).toEqual({ kind: "renew" });
  });

  it("refuses a live holder on this host, takes over from a dead one", () => {
    expect(decideLoopLock(holder, request, alive)).toEqual({ kind: "refuse" });
    expect(decideLoopLock(holder, request, dead)).toEqual({ kind: "take-over", reason: "process-gone" });
  });

  it("takes over from its own pid under another run: the pid was reused", () => {
    expect(decideLoopLock({ ...holder, pid: 200 }, request, alive)).toEqual({
      kind: "take-over",
      reason: "process-gone",
    });
  });

  it("cannot check a pid on another host: refuses unless the heartbeat is older than staleAfterMs", () => {
    const far = { ...holder, host: "far" };
    expect(decideLoopLock(far, request, dead)).toEqual({ kind: "refuse" });
    expect(decideLoopLock(far, { ...request, staleAfterMs: 120_000 }, dead)).toEqual({ kind: "refuse" });
    expect(decideLoopLock(far, { ...request, staleAfterMs: 30_000 }, dead)).toEqual({
      kind: "take-over",
      reason: "heartbeat-stale",
    });
    expect(decideLoopLock(holder, { ...request, staleAfterMs: 30_000 }, alive)).toEqual({
      kind: "take-over",
      reason: "heartbeat-stale",
    });
  });
});
