import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyLocalClear, planLocalClear } from "../../../../src/core/reset/clear-local.js";
import { NothingToDoError, UsageError } from "../../../../src/errors/index.js";
import { countLocalState } from "../../../../src/store/count-local-state.js";
import { openStore } from "../../../../src/store/open-store.js";
import type { SqliteStore } from "../../../../src/store/sqlite-store.js";

const KEY = { repository: "acme/widgets", agentId: "agent001" };
const NOW = new Date("2030-01-01T12:00:00Z");
const env = (alive: boolean, agentGroupAlive = false) => ({
  host: "box",
  now: NOW,
  isProcessAlive: () => alive,
  isProcessGroupAlive: () => agentGroupAlive,
  staleAfterMs: 30 * 60_000,
});

let dir: string;
let store: SqliteStore;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "mls-clear-"));
  store = openStore({ path: path.join(dir, "my-little-soda.db"), now: () => NOW, isAlive: () => false });
});
afterEach(async () => {
  store.close();
  await rm(dir, { recursive: true, force: true });
});

/** One run with one work item as far as the agent running, a lock, an audit entry and two recoveries. */
function seed(): void {
  const run = store.startRun({ ...KEY, host: "box", pid: 4242 });
  store.acquireLoopLock({ ...KEY, host: "box", pid: 4242, runId: run.id });
  const item = store.createWorkItem({ runId: run.id, issueNumber: 7 });
  store.transition(item.id, { to: "claim" });
  store.transition(item.id, { to: "prepare" });
  store.transition(item.id, { to: "run-agent", agentPid: 5000, agentPgid: 5000 });
  store.audit({ runId: run.id, system: "github", action: "create-claim-ref", target: "issue #7", outcome: "ok" });
  for (const tries of [1, 2])
    store.recordRecovery({ errorClass: "network", strategy: "backoff", tries, outcome: "recovered", durationMs: 10 });
}

describe("reset --state-only / --recovery-only", () => {
  it("counts what each scope would delete, reading without writing", () => {
    seed();
    expect(countLocalState(store.path)).toEqual({ runs: 1, workItems: 1, checkpoints: 4, recoveries: 2 });
    const plan = (scope: "state" | "recoveries") =>
      planLocalClear(store, countLocalState(store.path), { scope, key: KEY }, env(false));
    expect(plan("state")).toEqual({ counts: { runs: 1, workItems: 1, checkpoints: 4 }, untrackedAgents: [] });
    expect(plan("recoveries")).toEqual({ counts: { recoveries: 2 }, untrackedAgents: [] });
  });

  it("names an agent a killed loop left running: clearing the state loses the only record of it", () => {
    seed();
    const plan = planLocalClear(store, countLocalState(store.path), { scope: "state", key: KEY }, env(false, true));
    expect(plan.untrackedAgents).toEqual([5000]);
  });

  it("refuses while the loop holding the lock is alive, naming its pid and host", () => {
    seed();
    const plan = () => planLocalClear(store, countLocalState(store.path), { scope: "state", key: KEY }, env(true));
    expect(plan).toThrow(UsageError);
    expect(plan).toThrow(
      "a loop is running for agent001 on acme/widgets: pid 4242 on box, since 2030-01-01T12:00:00.000Z",
    );
  });

  it("clears only its scope: the audit log, the lock and the other scope stay", () => {
    seed();
    expect(applyLocalClear(store, "state")).toEqual({ runs: 1, workItems: 1, checkpoints: 4 });
    expect(countLocalState(store.path)).toEqual({ runs: 0, workItems: 0, checkpoints: 0, recoveries: 2 });
    expect(store.auditEntries()).toHaveLength(1);
    expect(store.loopLock(KEY)?.pid).toBe(4242);

    expect(applyLocalClear(store, "recoveries")).toEqual({ recoveries: 2 });
    expect(countLocalState(store.path).recoveries).toBe(0);
  });

  it("nothing to clear is exit 6, not an error", () => {
    const plan = () =>
      planLocalClear(store, countLocalState(store.path), { scope: "recoveries", key: KEY }, env(false));
    expect(plan).toThrow(NothingToDoError);
    expect(plan).toThrow("no recovery history to clear");
  });
});
