import { judgeLoopLiveness, type LivenessEnvironment } from "../../domain/loop-liveness.js";
import { NothingToDoError, UsageError } from "../../errors/index.js";
import type { LoopLockKey, Store } from "../store-port.js";

/**
 * `reset --state-only` and `reset --recovery-only` (design §4): clear local records, touching
 * nothing on GitHub or in git. `state` is the autonomous loop's runs, work items and checkpoints;
 * `recoveries` is the recovery history `recovery-report` reads.
 */
export type LocalScope = "state" | "recoveries";

/** Every row a local reset could delete, as the store holds them now. */
export interface LocalStateTally {
  runs: number;
  workItems: number;
  checkpoints: number;
  recoveries: number;
}

export type ClearedCounts = { runs: number; workItems: number; checkpoints: number } | { recoveries: number };

export interface LocalClearPlan {
  counts: ClearedCounts;
  /**
   * Process groups of agents a killed loop left running. The checkpoint is the only record of
   * them, so once the state is cleared no restart will stop them: the caller warns.
   */
  untrackedAgents: number[];
}

/**
 * What clearing `scope` would delete. Refuses while a live loop holds this agent's lock: its
 * checkpoints would vanish under it. Nothing to delete is exit 6, like a reset with no claim.
 */
export function planLocalClear(
  store: Pick<Store, "loopLock" | "unfinishedWorkItems">,
  tally: LocalStateTally,
  request: { scope: LocalScope; key: LoopLockKey },
  env: LivenessEnvironment & { isProcessGroupAlive(pgid: number): boolean },
): LocalClearPlan {
  const holder = store.loopLock(request.key);
  if (holder && judgeLoopLiveness(holder, env).running) {
    throw new UsageError(
      `a loop is running for ${request.key.agentId} on ${request.key.repository}: pid ${holder.pid} on ${holder.host}, since ${holder.since.toISOString()}`,
      { hint: "stop it first (Ctrl-C or SIGTERM), then reset; `continuity-status` shows the loop" },
    );
  }
  const counts = inScope(tally, request.scope);
  if (Object.values(counts).every((count) => count === 0)) {
    throw new NothingToDoError(
      request.scope === "state" ? "no local autonomous state to clear" : "no recovery history to clear",
    );
  }
  const untrackedAgents =
    request.scope === "state"
      ? store
          .unfinishedWorkItems(request.key.agentId)
          .flatMap((item) =>
            item.agentPgid !== undefined && env.isProcessGroupAlive(item.agentPgid) ? [item.agentPgid] : [],
          )
      : [];
  return { counts, untrackedAgents };
}

export function applyLocalClear(
  store: Pick<Store, "clearLocalState" | "clearRecoveries">,
  scope: LocalScope,
): ClearedCounts {
  return scope === "state" ? store.clearLocalState() : { recoveries: store.clearRecoveries() };
}

function inScope(tally: LocalStateTally, scope: LocalScope): ClearedCounts {
  return scope === "state"
    ? { runs: tally.runs, workItems: tally.workItems, checkpoints: tally.checkpoints }
    : { recoveries: tally.recoveries };
}
