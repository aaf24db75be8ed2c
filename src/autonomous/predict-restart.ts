import type { Store, WorkItem } from "../core/store-port.js";
import type { Issue } from "../domain/issue.js";
import { decideRestart, type RestartDecision, type StepState } from "../domain/restart-decision.js";
import { gatherRestartFacts } from "./gather-restart-facts.js";
import type { LoopDeps } from "./loop-types.js";

export interface RestartPrediction {
  /** The unfinished work item a restart would look at. */
  workItem: WorkItem | undefined;
  decision: RestartDecision;
  /** An agent left running by a killed loop, which a restart would stop first. */
  agentRunning: boolean;
  /** The work item's issue as GitHub has it now (undefined without one, or when it is gone). */
  issue: Issue | undefined;
}

/**
 * What `spawn` would do with the state it finds, without doing it: the same facts and the same
 * decision as the loop's reconcile step (for `continuity-status` and `spawn --dry-run`).
 */
export async function predictRestart(
  deps: Pick<LoopDeps, "tracker" | "git" | "isProcessGroupAlive">,
  store: Store,
  agentId: string,
): Promise<RestartPrediction> {
  const [workItem] = store.unfinishedWorkItems(agentId);
  if (!workItem) {
    const last = store.latestCheckpoint(agentId);
    const reason = last ? `no unfinished work: the last checkpoint is ${last.toState}` : "no work recorded yet";
    return {
      workItem: undefined,
      decision: { action: "start-fresh", reason, releaseClaim: false },
      agentRunning: false,
      issue: undefined,
    };
  }
  const gathered = await gatherRestartFacts(deps, workItem, agentId);
  const decision = decideRestart(
    {
      state: workItem.state as StepState,
      issueNumber: workItem.issueNumber,
      headSha: workItem.headSha,
      kind: workItem.kind,
    },
    gathered.facts,
    agentId,
  );
  return { workItem, decision, agentRunning: gathered.agentRunning, issue: gathered.issue };
}
