import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StoreError } from "../../../src/errors/index.js";
import { createStoreFixture, RUN, START, type StoreFixture } from "./store-fixture.js";

let fx: StoreFixture;
beforeEach(async () => {
  fx = await createStoreFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

describe("runs", () => {
  it("startRun records a running run with its options; finishRun ends it once", () => {
    const store = fx.open({ newId: () => "run-1" });
    const run = store.startRun({ ...RUN, options: { maxIssues: 3, agentCommand: ["claude", "-p"] } });
    expect(run).toEqual({
      id: "run-1",
      ...RUN,
      startedAt: new Date(START),
      finishedAt: undefined,
      outcome: "running",
      reason: undefined,
      options: { maxIssues: 3, agentCommand: ["claude", "-p"] },
    });

    fx.clock.advance(5_000);
    const stopped = store.finishRun(run.id, "stopped", "SIGTERM");
    expect(stopped).toMatchObject({
      outcome: "stopped",
      reason: "SIGTERM",
      finishedAt: new Date(Date.parse(START) + 5_000),
    });
    // A second finish (say, after a second signal) keeps the first outcome and says so.
    expect(store.finishRun(run.id, "failed", "late")).toEqual(stopped);
    expect(() => store.finishRun("nope", "completed")).toThrow(StoreError);
  });

  it("latestRun is the agent's most recently started run", () => {
    const store = fx.open();
    store.startRun(RUN);
    fx.clock.advance(1000);
    const latest = store.startRun(RUN);
    store.startRun({ ...RUN, agentId: "agent002" });
    expect(store.latestRun("agent001")?.id).toBe(latest.id);
    expect(store.latestRun("agent009")).toBeUndefined();
  });

  it("markCrashedRuns marks this host's running runs whose process is gone, and only those", () => {
    const alive = new Set([100]);
    const store = fx.open({
      isAlive: (pid) => alive.has(pid),
      self: { pid: 300, startedAt: new Date(Date.parse(START) + 10_000) },
    });
    const dead = store.startRun({ ...RUN, pid: 200 });
    const living = store.startRun({ ...RUN, pid: 100 });
    const elsewhere = store.startRun({ ...RUN, pid: 200, host: "other-box" });
    const otherAgent = store.startRun({ ...RUN, pid: 200, agentId: "agent002" });
    const finished = store.startRun({ ...RUN, pid: 200 });
    store.finishRun(finished.id, "completed");
    // Our own pid, from before this process started: a reused pid (pid 1 in a restarted container).
    const reused = store.startRun({ ...RUN, pid: 300 });
    fx.clock.advance(20_000);
    const ours = store.startRun({ ...RUN, pid: 300 });

    const crashed = store.markCrashedRuns(RUN.agentId, RUN.host);
    expect(crashed.map((run) => run.id).sort()).toEqual([dead.id, reused.id].sort());
    expect(store.run(dead.id)).toMatchObject({ outcome: "crashed", reason: "process 200 on box is gone" });
    for (const run of [living, elsewhere, otherAgent, ours]) expect(store.run(run.id)?.outcome).toBe("running");
    expect(store.run(finished.id)?.outcome).toBe("completed");
    expect(store.markCrashedRuns(RUN.agentId, RUN.host)).toEqual([]);
  });
});

describe("runsSince", () => {
  it("is every run that was running at or after a time: started then, finished then, or still running", () => {
    const store = fx.open();
    const endedBefore = store.startRun(RUN);
    fx.clock.advance(1_000);
    store.finishRun(endedBefore.id, "completed");
    const endedAfter = store.startRun(RUN);
    const stillRunning = store.startRun({ ...RUN, agentId: "agent002" });
    fx.clock.advance(60_000);
    const since = fx.clock.now();
    fx.clock.advance(1_000);
    store.finishRun(endedAfter.id, "stopped", "SIGTERM");
    const startedAfter = store.startRun(RUN);

    expect(store.runsSince(since).map((run) => run.id)).toEqual([endedAfter.id, stillRunning.id, startedAfter.id]);
    fx.clock.advance(1_000);
    expect(store.runsSince(fx.clock.now()).map((run) => run.id)).toEqual([stillRunning.id, startedAfter.id]);
  });
});
