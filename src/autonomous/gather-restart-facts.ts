import type { WorkItem } from "../core/store-port.js";
import type { Issue } from "../domain/issue.js";
import type { RestartFacts } from "../domain/restart-decision.js";
import { NotFoundError } from "../errors/index.js";
import type { LoopDeps } from "./loop-types.js";
import { readClaimHolder } from "../core/read-claim-holder.js";

export interface GatheredFacts {
  facts: RestartFacts;
  issue: Issue | undefined;
  agentRunning: boolean;
}

/** The facts `decideRestart` weighs, read from GitHub, git and the process table. */
export async function gatherRestartFacts(
  deps: Pick<LoopDeps, "tracker" | "git" | "isProcessGroupAlive">,
  item: WorkItem,
  agentId: string,
): Promise<GatheredFacts> {
  const { tracker, git } = deps;
  const issue = await tracker.getIssue(item.issueNumber).catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
  const { claim } = await readClaimHolder(tracker, item.issueNumber, agentId);
  const pullOpen = item.branch !== undefined && (await tracker.findOpenPullRequest(item.branch)) !== undefined;
  const localHead = item.branch ? await git.resolveRef(`refs/heads/${item.branch}`) : undefined;
  const recordedHeadKept = item.headSha && localHead ? await git.isAncestor(item.headSha, localHead) : undefined;
  return {
    facts: {
      issue: issue ? { state: issue.state, labels: issue.labels } : undefined,
      claim,
      pullOpen,
      localHead,
      recordedHeadKept,
    },
    issue,
    agentRunning: item.agentPgid !== undefined && deps.isProcessGroupAlive(item.agentPgid),
  };
}
