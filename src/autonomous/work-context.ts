import type { Drift } from "../domain/drift.js";
import type { Issue } from "../domain/issue.js";
import type { PullRequestRef } from "../domain/pull-request-ref.js";
import type { Transition, WorkItem } from "../core/store-port.js";
import type { LoopDeps, LoopSettings, StopControl } from "./loop-types.js";

/** One issue in hand: its current work item (attempt) and what the steps learn along the way. */
export interface Work {
  item: WorkItem;
  issue: Issue;
  login: string;
  baseBranch: string;
  branch: string;
  worktree: string;
  /** The lease commit the claim ref points at, once known (for heartbeats). */
  leaseSha?: string;
  /** The pull request, once delivered. */
  pr?: PullRequestRef;
  /** Drifts already recorded for this work (kind and what was found), so a lasting one is recorded once. */
  seenDrifts?: Set<string>;
  /** A critical drift found while the agent ran: the work stops at the next step boundary. */
  criticalDrift?: Drift;
  /** An error found while the agent ran that must stop the loop (credentials revoked). */
  fatal?: Error;
  /** The claim ref as the last drift check saw it, for the step right after it (saves a request). */
  justSeen?: { claimSha: string | undefined };
  /** The first failed attempt at this issue in this run (for the recovery record). */
  failedAttempts?: { errorClass: string; since: number };
}

/** What every step gets: the ports, the settings, the run, and shutdown. */
export interface LoopContext {
  deps: LoopDeps;
  settings: LoopSettings;
  runId: string;
  stop: StopControl;
}

/**
 * Commit a transition to the store, then tell the user. The store write comes first and is
 * synchronous: the next side effect happens only once the checkpoint is durable.
 */
export function advance(ctx: LoopContext, work: Work, transition: Omit<Transition, "runId">, note?: string): void {
  const from = work.item.state;
  ctx.deps.store.transition(work.item.id, { ...transition, runId: ctx.runId });
  const updated = ctx.deps.store.workItem(work.item.id);
  if (updated) work.item = updated;
  ctx.deps.emit({
    type: "state",
    issue: work.issue.number,
    title: work.issue.title,
    from,
    state: transition.to,
    attempt: work.item.attempt,
    note,
  });
}

/** Whether any checkpoint of this work item recorded `key` in its detail. */
export function recordedInDetail(ctx: LoopContext, work: Work, key: string): unknown {
  for (const checkpoint of ctx.deps.store.checkpoints(work.item.id).reverse()) {
    if (checkpoint.detail && key in checkpoint.detail) return checkpoint.detail[key];
  }
  return undefined;
}
