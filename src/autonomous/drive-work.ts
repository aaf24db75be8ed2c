import { pauseForQuota, quotaHitOf } from "./quota.js";
import type { PullRequestRef } from "../domain/pull-request-ref.js";
import { ClaimLostError, GitError, NothingToDoError } from "../errors/index.js";
import { checkDrift, type DriftMemory } from "./drift/check-drift.js";
import { stopForDrift } from "./drift/stop-for-drift.js";
import type { IssueOutcome } from "./loop-types.js";
import { abandon } from "./steps/abandon.js";
import { checkEvidence } from "./steps/check-evidence.js";
import { deliver } from "./steps/deliver.js";
import { escalate } from "./steps/escalate.js";
import type { AttemptFailure } from "./steps/failure.js";
import { prepare } from "./steps/prepare.js";
import { runAgentStep } from "./steps/run-agent-step.js";
import { verify } from "./steps/verify.js";
import { deliverRework } from "./review/deliver-rework.js";
import { escalateReview } from "./review/escalate-review.js";
import { land } from "./review/land.js";
import { prepareRework } from "./review/prepare-rework.js";
import { reworkPlanOf } from "./review/rework-plan.js";
import type { WorkItem } from "../core/store-port.js";
import type { LoopContext, StepResult, Work } from "./work-context.js";
import { advance } from "./work-context.js";

export type DriveResult = { outcome: IssueOutcome; pr?: PullRequestRef; reason?: string } | { outcome: "stopped" };

/** The first failed attempt at this issue in this run, for the recovery record. */
interface FirstFailure {
  errorClass: string;
  since: number;
}

/**
 * One issue through design §5's states, from wherever its work item stands, until it ends or a
 * shutdown stops it at a step boundary. Each step returns a `StepResult`; this is the one place
 * that acts on it. Failed attempts are retried as new work items up to `max_attempts_per_issue`,
 * then escalated. Errors that are not the attempt's own (GitHub down, bad credentials)
 * propagate: the caller decides, and the checkpoint stays.
 */
export async function driveWork(ctx: LoopContext, start: Work): Promise<DriveResult> {
  let work = start;
  const memory: DriftMemory = new Set();
  let firstFailure: FirstFailure | undefined;
  for (;;) {
    if (ctx.stop.stopping()) return { outcome: "stopped" };
    let result: StepResult;
    try {
      result = await step(ctx, work, memory);
    } catch (error) {
      // The fence: the claim moved on (released, taken over), so nothing of ours is delivered.
      if (error instanceof ClaimLostError) {
        // Its branch may be where the new holder continues from: our later work goes beside it.
        await abandon(ctx, work, error.message, { releaseClaim: false, sideBranch: true });
        return { outcome: "abandoned", reason: error.message };
      }
      result = attemptFailure(work, error);
    }
    work = result.work;
    switch (result.kind) {
      case "fatal":
        throw result.error;
      case "drift":
        await stopForDrift(ctx, work, result.drift);
        return { outcome: "abandoned", reason: `critical drift: ${result.drift.kind}` };
      case "failed": {
        // Only the agent's own failure can be its plan's limit (not a verify command's, not a conflict).
        const quota = result.failure.errorClass === "agent-failure" ? quotaHitOf(ctx, work) : undefined;
        if (quota) {
          const paused = await pauseForQuota(ctx, work, quota);
          if (paused.stopped) return { outcome: "stopped" };
          work = paused.work;
          break;
        }
        firstFailure ??= { errorClass: result.failure.errorClass, since: ctx.deps.now().getTime() };
        const retry = await retryOrEscalate(ctx, work, result.failure, firstFailure);
        if (!retry) return { outcome: "escalated", reason: result.failure.reason };
        work = retry;
        break;
      }
      case "next":
        if (work.item.state === "abandoned") return { outcome: "abandoned", reason: result.reason ?? "abandoned" };
        if (work.item.state !== "done") break;
        if (firstFailure) recordAttemptRecovery(ctx, work, firstFailure);
        return { outcome: "done", pr: result.pr };
    }
  }
}

/**
 * The step for the work's state. Verify and deliver are preceded by a drift check (the agent
 * could not be disturbed while it ran; now is the time to look).
 */
async function step(ctx: LoopContext, work: Work, memory: DriftMemory): Promise<StepResult> {
  switch (work.item.state) {
    case "prepare":
      return work.item.kind === "rework" ? prepareRework(ctx, work) : prepare(ctx, work);
    case "run-agent":
      return runAgentStep(ctx, work, memory);
    case "check-evidence":
      return checkEvidence(ctx, work);
    case "verify": {
      const check = await checkDrift(ctx, work, "before-verify", memory);
      if (check.critical) return { kind: "drift", work: check.work, drift: check.critical };
      return verify(ctx, check.work);
    }
    case "deliver": {
      const check = await checkDrift(ctx, work, "before-deliver", memory);
      if (check.critical) return { kind: "drift", work: check.work, drift: check.critical };
      if (work.item.kind === "rework") return deliverRework(ctx, check.work);
      return deliver(ctx, check.work, { claimSha: check.claimSha });
    }
    case "land":
      return land(ctx, work);
    default:
      throw new Error(`work item ${work.item.id} is in state ${work.item.state}, which the loop cannot continue from`);
  }
}

/**
 * An error thrown by a step that belongs to this attempt — git refusing (a push rejected, a
 * branch git cannot create) — as a failed attempt, not the loop's problem. Anything else
 * propagates.
 */
function attemptFailure(work: Work, error: unknown): StepResult {
  if (error instanceof GitError || (error instanceof NothingToDoError && work.item.state === "deliver")) {
    const failure: AttemptFailure = {
      errorClass: error instanceof GitError ? error.reason : "git",
      reason: error.message,
      tail: error.hint ?? "",
    };
    return { kind: "failed", work, failure };
  }
  throw error;
}

/** An issue delivered after failed attempts: the new attempts were a recovery. */
function recordAttemptRecovery(ctx: LoopContext, work: Work, first: FirstFailure): void {
  ctx.deps.store.recordRecovery({
    runId: ctx.runId,
    workItemId: work.item.id,
    issueNumber: work.issue.number,
    errorClass: first.errorClass,
    strategy: "new-attempt",
    tries: work.item.attempt,
    outcome: "recovered",
    durationMs: ctx.deps.now().getTime() - first.since,
  });
}

/**
 * After a failed attempt: the work for the next attempt (a new work item from `prepare`), or
 * undefined once the last attempt failed and the issue was escalated.
 */
async function retryOrEscalate(
  ctx: LoopContext,
  work: Work,
  failure: AttemptFailure,
  first: FirstFailure,
): Promise<Work | undefined> {
  const { store } = ctx.deps;
  const { kind, round } = work.item;
  const sameRound = (item: WorkItem) => item.kind === kind && item.round === round;
  const attempts =
    store.attemptsFor(work.issue.number).filter((item) => sameRound(item) && item.state === "failed").length + 1;
  const plan = kind === "rework" ? reworkPlanOf(ctx, work) : undefined;
  // A spend limit is not worth another attempt: the next one would spend more.
  if (attempts >= ctx.settings.maxAttemptsPerIssue || failure.errorClass === "spend-limit") {
    if (plan) {
      const reason = `the agent failed ${attempts} times at rework round ${plan.round}: ${failure.reason}`;
      const maxRounds = ctx.settings.review.maxReworkRounds;
      const cause = { kind: "agent-failed" as const, round: plan.round, maxRounds, detail: failure.reason };
      const spendLimit = failure.errorClass === "spend-limit";
      await escalateReview(ctx, work, { cause, reason, reasons: plan.reasons, spendLimit });
    } else await escalate(ctx, work, failure, attempts);
    store.recordRecovery({
      runId: ctx.runId,
      workItemId: work.item.id,
      issueNumber: work.issue.number,
      errorClass: failure.errorClass,
      strategy: "escalate",
      tries: attempts,
      outcome: "escalated",
      durationMs: ctx.deps.now().getTime() - first.since,
      detail: { reason: failure.reason },
    });
    return undefined;
  }
  advance(
    ctx,
    work,
    { to: "failed", detail: { failure, attempts } },
    `attempt failed: ${failure.reason}; trying again (${attempts} of ${ctx.settings.maxAttemptsPerIssue})`,
  );
  const item = store.createWorkItem({
    runId: ctx.runId,
    issueNumber: work.issue.number,
    kind,
    round,
    state: "prepare",
    branch: work.branch,
    prNumber: work.item.prNumber ?? null,
    claimEpoch: work.item.claimEpoch ?? null,
    expected: work.item.expected ?? null,
    detail: { retryOf: work.item.id, title: work.issue.title, ...(plan ? { rework: plan } : {}) },
  });
  ctx.deps.audit.set({ runId: ctx.runId, workItemId: item.id });
  return { ...work, item };
}
