import type { GitWorkspace, IssueTracker } from "../core/ports.js";
import type { PlannedWrite } from "../core/planned-write.js";
import { readQueue } from "../core/read-queue.js";
import type { Store, WorkKind } from "../core/store-port.js";
import { branchFor } from "../domain/branch-name.js";
import { NOTIFICATION_EVENTS, type NotificationEvent } from "../domain/notification.js";
import type { LoopSettings } from "./loop-types.js";
import { planSpawnWrites, type SpawnWork } from "./plan-spawn-writes.js";
import { predictRestart, type RestartPrediction } from "./predict-restart.js";

export interface SpawnPlan {
  restart: {
    issue: number;
    /** The work item's kind (deliver, rework, land) and pull request. */
    kind: WorkKind;
    pr: number | null;
    state: string;
    action: string;
    reason: string;
    agentRunning: boolean;
  } | null;
  next: { number: number; title: string; url: string; branch: string } | null;
  agentCommand: string[];
  verify: string[] | null;
  budget: LoopSettings["budget"];
  writes: PlannedWrite[];
  /** `[notify] webhook_url`, redacted (scheme and host), and what the loop would post there; null when off. */
  notify: { webhook: string; events: readonly NotificationEvent[] } | null;
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
  options: { notifyTarget?: string } = {},
): Promise<SpawnPlan> {
  const prediction: RestartPrediction | undefined = deps.store
    ? await predictRestart(deps, deps.store, settings.agentId)
    : undefined;
  const resumed = prediction && resumedWork(prediction);
  const queue = resumed ? undefined : await readQueue(deps.tracker, { want: 1 });
  const first = queue?.tasks[0];
  const next = first
    ? { number: first.number, title: first.title, url: first.url, branch: branchFor(settings.agentId, first) }
    : null;
  const work = resumed ?? (first && { issue: first, from: "claim" as const });
  return {
    restart: prediction?.workItem
      ? {
          issue: prediction.workItem.issueNumber,
          kind: prediction.workItem.kind,
          pr: prediction.workItem.prNumber ?? null,
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
    notify: options.notifyTarget ? { webhook: options.notifyTarget, events: NOTIFICATION_EVENTS } : null,
    writes: work ? planSpawnWrites({ ...work, ...(await whoAndWhere(deps.tracker, settings)) }, settings) : [],
  };
}

/** The unfinished issue a restart would resume, from the step it would resume at. */
function resumedWork(prediction: RestartPrediction): Omit<SpawnWork, "login" | "baseBranch"> | undefined {
  const { workItem, decision, issue } = prediction;
  if (!workItem || !issue || decision.action !== "resume") return undefined;
  return { issue, from: decision.at, branch: workItem.branch };
}

/** The login a claim assigns and the base branch the work starts from (both cached GitHub reads). */
async function whoAndWhere(
  tracker: IssueTracker,
  settings: LoopSettings,
): Promise<{ login: string; baseBranch: string }> {
  const [viewer, baseBranch] = await Promise.all([
    tracker.getViewer(),
    settings.baseBranch ?? tracker.getRepository().then((repository) => repository.defaultBranch),
  ]);
  return { login: viewer.login, baseBranch };
}
