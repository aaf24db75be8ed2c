import type { GitWorkspace, IssueTracker } from "../core/ports.js";
import { readQueue } from "../core/read-queue.js";
import type { Store } from "../core/store-port.js";
import { branchFor } from "../domain/branch-name.js";
import type { LoopSettings } from "./loop-types.js";
import { predictRestart, type RestartPrediction } from "./predict-restart.js";

export interface SpawnPlan {
  restart: { issue: number; state: string; action: string; reason: string; agentRunning: boolean } | null;
  next: { number: number; title: string; url: string; branch: string } | null;
  agentCommand: string[];
  verify: string[] | null;
  budget: LoopSettings["budget"];
  writes: string[];
}

/** `spawn --dry-run`: what the loop would pick up first and the writes that would follow. */
export async function planSpawn(
  deps: {
    tracker: IssueTracker;
    git: GitWorkspace;
    store: Store | undefined;
    isProcessGroupAlive(pgid: number): boolean;
  },
  settings: LoopSettings,
): Promise<SpawnPlan> {
  const prediction: RestartPrediction | undefined = deps.store
    ? await predictRestart(deps, deps.store, settings.agentId)
    : undefined;
  const resumes = prediction?.workItem !== undefined && prediction.decision.action === "resume";
  const queue = resumes ? undefined : await readQueue(deps.tracker, { want: 1 });
  const first = queue?.tasks[0];
  const next = first
    ? { number: first.number, title: first.title, url: first.url, branch: branchFor(settings.agentId, first) }
    : null;
  const issue = resumes ? prediction.workItem?.issueNumber : next?.number;
  const branch = resumes ? prediction.workItem?.branch : next?.branch;
  const writes =
    issue === undefined
      ? []
      : [
          ...(resumes
            ? []
            : [
                `create a lease commit and the claim ref refs/my-little-soda/claims/${issue}`,
                `label #${issue} ${settings.agentId} (route:ready off) and assign it`,
              ]),
          `add a worktree for ${branch ?? "the issue's branch"} under .my-little-soda/worktrees/`,
          `run ${settings.agentCommand.join(" ")} there`,
          ...(settings.verify ? [`run ${settings.verify.join(" ")}`] : []),
          `push ${branch ?? "the branch"}, open a pull request, move #${issue} to route:review, delete the claim ref`,
        ];
  return {
    restart: prediction?.workItem
      ? {
          issue: prediction.workItem.issueNumber,
          state: prediction.workItem.state,
          action: prediction.decision.action,
          reason: prediction.decision.reason,
          agentRunning: prediction.agentRunning,
        }
      : null,
    next,
    agentCommand: settings.agentCommand,
    verify: settings.verify ?? null,
    budget: settings.budget,
    writes,
  };
}
