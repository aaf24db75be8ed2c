import { claimForReview } from "../../core/review/claim-for-review.js";
import { worktreePathOfBranch } from "../../domain/branch-name.js";
import type { LoopContext, Work } from "../work-context.js";
import { advance } from "../work-context.js";
import type { ReworkPlan } from "./rework-plan.js";
import type { ReviewAction } from "./review-watch.js";

/**
 * A work item for what the review watch found, ready for the driver: a rework round (claimed
 * with the issue's claim ref and a lease, exactly like an issue, so two loops never rework one
 * pull request), a landing, or a hand-over to people. Undefined when another loop holds the
 * claim (it is on it).
 */
export async function startReviewWork(ctx: LoopContext, action: ReviewAction): Promise<Work | undefined> {
  const { tracker, store } = ctx.deps;
  const { pull, issueNumber } = action.own;
  const issue = await tracker.getIssue(issueNumber);
  const login = (await tracker.getViewer()).login;
  const round = action.kind === "land" ? undefined : action.rounds + 1;
  const plan: ReworkPlan = {
    round: round ?? 0,
    reasons: action.assessment.reasons,
    changesRequestedBy: action.assessment.changesRequestedBy,
    remoteHead: pull.headSha,
    pullUrl: pull.url,
  };
  const item = store.createWorkItem({
    runId: ctx.runId,
    issueNumber,
    kind: action.kind === "land" ? "land" : "rework",
    round,
    state: "claim",
    branch: pull.headBranch,
    prNumber: pull.number,
    headSha: pull.headSha,
    expected: { issueNumber, prNumber: pull.number, branch: pull.headBranch, pushedSha: pull.headSha, login },
    detail: { title: issue.title, stage: action.assessment.stage, ...(action.kind === "land" ? {} : { rework: plan }) },
  });
  let work: Work = {
    item,
    issue,
    login,
    baseBranch: pull.baseBranch,
    branch: pull.headBranch,
    worktree: worktreePathOfBranch(ctx.settings.stateDir, ctx.settings.agentId, pull.headBranch),
  };
  ctx.deps.emit({
    type: "state",
    issue: issueNumber,
    title: issue.title,
    state: "claim",
    attempt: item.attempt,
    kind: item.kind,
    round: item.round,
  });
  if (action.kind === "land") {
    return advance(ctx, work, { to: "land" }, `PR #${pull.number} is ready to land`);
  }
  const leaseSha = await claimForReview(tracker, issueNumber, login, {
    agentId: ctx.settings.agentId,
    host: ctx.settings.host,
    runId: ctx.runId,
    now: ctx.deps.now,
  });
  if (leaseSha === undefined) {
    advance(
      ctx,
      work,
      { to: "abandoned", detail: { reason: "another loop holds the claim" } },
      "another loop holds the claim",
    );
    return undefined;
  }
  work = { ...work, leaseSha };
  if (action.kind === "escalate") return work;
  return advance(
    ctx,
    work,
    { to: "prepare", claimEpoch: 1 },
    `rework round ${plan.round} of PR #${pull.number}: ${action.assessment.stage}`,
  );
}
