import type { AgentSpend } from "../domain/agent-spend.js";
import type { Drift } from "../domain/drift.js";
import type { Issue } from "../domain/issue.js";
import type { PullRequestRef } from "../domain/pull-request-ref.js";
import type { Transition, WorkItem } from "../core/store-port.js";
import type { AttemptFailure } from "./steps/failure.js";
import type { LoopDeps, LoopSettings, StopControl } from "./loop-types.js";

/**
 * One issue in hand: the attempt as checkpointed and the facts every step needs. Steps never
 * change it in place; each returns the next version in its `StepResult`, so what a step learnt
 * (a fresher issue, the lease it renewed) reaches the next one only through the driver.
 */
export interface Work {
  readonly item: WorkItem;
  /** The issue as GitHub last showed it. */
  readonly issue: Issue;
  readonly login: string;
  readonly baseBranch: string;
  readonly branch: string;
  readonly worktree: string;
  /** The lease commit the claim ref points at, once known (for heartbeats). */
  readonly leaseSha?: string;
  /**
   * When the claim was last known to be ours (claimed, or a heartbeat went through), in ms. Past
   * `lease_minutes` since, someone may have taken it over: the claim is checked before a push.
   */
  readonly leaseHeldAt?: number;
}

/**
 * What one step did (design §5): the work moved to its next state (`done` carries the pull
 * request), the attempt failed (counted against `max_attempts_per_issue`), a critical drift was
 * found (the issue is given up), or something happened that no issue can survive (the loop stops).
 */
export type StepResult =
  /** `reason` says why, when the next state is `abandoned`. */
  | { kind: "next"; work: Work; pr?: PullRequestRef; reason?: string }
  | { kind: "failed"; work: Work; failure: AttemptFailure }
  | { kind: "drift"; work: Work; drift: Drift }
  | { kind: "fatal"; work: Work; error: Error };

/** What every step gets: the ports, the settings, the run, and shutdown. */
export interface LoopContext {
  deps: LoopDeps;
  settings: LoopSettings;
  runId: string;
  stop: StopControl;
  /** What the agents of this run reported spending so far, for `max_cost_usd_per_run`. */
  runSpend: { current: AgentSpend };
  /** When this run last looked for other agents' stale claims (take-over-next.ts). */
  lastStaleLook: { at?: number };
}

/**
 * Commit a transition to the store, then tell the user; returns the work with the item as now
 * checkpointed. The store write comes first and is synchronous: the next side effect happens
 * only once the checkpoint is durable.
 */
export function advance(ctx: LoopContext, work: Work, transition: Omit<Transition, "runId">, note?: string): Work {
  const from = work.item.state;
  ctx.deps.store.transition(work.item.id, { ...transition, runId: ctx.runId });
  const item = ctx.deps.store.workItem(work.item.id) ?? work.item;
  ctx.deps.emit({
    type: "state",
    issue: work.issue.number,
    title: work.issue.title,
    from,
    state: transition.to,
    attempt: item.attempt,
    kind: item.kind,
    round: item.round,
    note,
  });
  return { ...work, item };
}

/** Whether any checkpoint of this work item recorded `key` in its detail. */
export function recordedInDetail(ctx: LoopContext, work: Work, key: string): unknown {
  for (const checkpoint of ctx.deps.store.checkpoints(work.item.id).reverse()) {
    if (checkpoint.detail && key in checkpoint.detail) return checkpoint.detail[key];
  }
  return undefined;
}
