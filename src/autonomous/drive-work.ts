import { classifyError } from "../domain/error-class.js";
import type { PullRequestRef } from "../domain/pull-request-ref.js";
import { ClaimLostError, GitError, NothingToDoError } from "../errors/index.js";
import { checkDrift } from "./drift/check-drift.js";
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
import type { LoopContext, Work } from "./work-context.js";
import { advance } from "./work-context.js";

export type DriveResult = { outcome: IssueOutcome; pr?: PullRequestRef; reason?: string } | { outcome: "stopped" };

/**
 * One issue through SPEC §5's states, from wherever its work item stands, until it ends or a
 * shutdown stops it at a step boundary. Failed attempts are retried as new work items up to
 * `max_attempts_per_issue`, then escalated. Errors that are not the attempt's own (GitHub
 * down, bad credentials) propagate: the caller decides, and the checkpoint stays.
 */
export async function driveWork(ctx: LoopContext, work: Work): Promise<DriveResult> {
  for (;;) {
    if (ctx.stop.stopping()) return { outcome: "stopped" };
    try {
      if (work.item.state === "verify" || work.item.state === "deliver") {
        work.criticalDrift ??= await checkDrift(
          ctx,
          work,
          work.item.state === "verify" ? "before-verify" : "before-deliver",
        );
      }
      if (work.criticalDrift) {
        await stopForDrift(ctx, work, work.criticalDrift);
        return { outcome: "abandoned", reason: `critical drift: ${work.criticalDrift.kind}` };
      }
      const failure = await step(ctx, work);
      if (work.fatal) throw work.fatal;
      if (work.criticalDrift) continue;
      if (work.item.state === "done") {
        recordAttemptRecovery(ctx, work);
        return { outcome: "done", pr: work.pr };
      }
      if (failure) {
        const ended = await handleFailure(ctx, work, failure);
        if (ended) return ended;
      }
    } catch (error) {
      if (error instanceof ClaimLostError) {
        await abandon(ctx, work, error.message, { releaseClaim: false });
        return { outcome: "abandoned", reason: error.message };
      }
      // A push rejected, a branch git cannot create: the attempt's problem, not the loop's.
      if (error instanceof GitError || (error instanceof NothingToDoError && work.item.state === "deliver")) {
        const ended = await handleFailure(ctx, work, {
          errorClass: error instanceof GitError ? classifyError(error) : "git",
          reason: error.message,
          tail: error.hint ?? "",
        });
        if (ended) return ended;
        continue;
      }
      throw error;
    }
  }
}

/** An issue delivered after failed attempts: the new attempts were a recovery. */
function recordAttemptRecovery(ctx: LoopContext, work: Work): void {
  if (!work.failedAttempts) return;
  ctx.deps.store.recordRecovery({
    runId: ctx.runId,
    workItemId: work.item.id,
    issueNumber: work.issue.number,
    errorClass: work.failedAttempts.errorClass,
    strategy: "new-attempt",
    tries: work.item.attempt,
    outcome: "recovered",
    durationMs: ctx.deps.now().getTime() - work.failedAttempts.since,
  });
}

async function step(ctx: LoopContext, work: Work): Promise<AttemptFailure | undefined> {
  switch (work.item.state) {
    case "prepare":
      await prepare(ctx, work);
      return undefined;
    case "run-agent":
      await runAgentStep(ctx, work);
      return undefined;
    case "check-evidence":
      return checkEvidence(ctx, work);
    case "verify":
      return verify(ctx, work);
    case "deliver":
      work.pr = await deliver(ctx, work);
      return undefined;
    default:
      throw new Error(`work item ${work.item.id} is in state ${work.item.state}, which the loop cannot continue from`);
  }
}

/** Retry as a new attempt, or escalate after the last one; returns how the issue ended, if it did. */
async function handleFailure(ctx: LoopContext, work: Work, failure: AttemptFailure): Promise<DriveResult | undefined> {
  const { store } = ctx.deps;
  const attempts = store.attemptsFor(work.issue.number).filter((item) => item.state === "failed").length + 1;
  work.failedAttempts ??= { errorClass: failure.errorClass, since: ctx.deps.now().getTime() };
  if (attempts >= ctx.settings.maxAttemptsPerIssue) {
    await escalate(ctx, work, failure, attempts);
    ctx.deps.store.recordRecovery({
      runId: ctx.runId,
      workItemId: work.item.id,
      issueNumber: work.issue.number,
      errorClass: failure.errorClass,
      strategy: "escalate",
      tries: attempts,
      outcome: "escalated",
      durationMs: ctx.deps.now().getTime() - work.failedAttempts.since,
      detail: { reason: failure.reason },
    });
    return { outcome: "escalated", reason: failure.reason };
  }
  advance(
    ctx,
    work,
    { to: "failed", detail: { failure, attempts } },
    `attempt failed: ${failure.reason}; trying again (${attempts} of ${ctx.settings.maxAttemptsPerIssue})`,
  );
  work.item = store.createWorkItem({
    runId: ctx.runId,
    issueNumber: work.issue.number,
    state: "prepare",
    branch: work.branch,
    claimEpoch: work.item.claimEpoch ?? null,
    expected: work.item.expected ?? null,
    detail: { retryOf: work.item.id, title: work.issue.title },
  });
  return undefined;
}
