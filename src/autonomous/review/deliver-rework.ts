import type { VerifyOutcome } from "../../domain/pull-request-body.js";
import { reworkComment } from "../../domain/review/rework-comment.js";
import { readClaimHolder } from "../../core/read-claim-holder.js";
import { removeWorktree } from "../steps/ensure-worktree.js";
import type { LoopContext, StepResult, Work } from "../work-context.js";
import { advance, recordedInDetail } from "../work-context.js";
import { ensureComment } from "../steps/ensure-comment.js";
import { publishRework } from "./publish-rework.js";
import { reworkPlanOf } from "./rework-plan.js";

/**
 * deliver → done, for a rework round: the branch pushed (never over someone else's commits),
 * one comment on the pull request saying what changed for which reason, the review asked again
 * of whoever requested changes, the claim released. The comment and the review request are
 * checkpointed, so a replay after a crash never repeats them.
 */
export async function deliverRework(ctx: LoopContext, start: Work): Promise<StepResult> {
  const { tracker, review } = ctx.deps;
  const pr = start.item.prNumber;
  if (pr === undefined) throw new Error(`rework work item ${start.item.id} has no pull request`);
  const plan = reworkPlanOf(ctx, start);
  let work = await publishRework(ctx, start);
  const head = work.item.expected?.pushedSha ?? work.item.headSha;

  if (recordedInDetail(ctx, work, "reworkComment") === undefined) {
    const workspace = ctx.deps.openWorkspace(work.worktree);
    const commits = head && plan.remoteHead ? await workspace.listCommits(plan.remoteHead, head).catch(() => []) : [];
    const verify = (recordedInDetail(ctx, work, "verify") as VerifyOutcome | undefined) ?? { kind: "skipped" };
    const body = reworkComment({
      agentId: ctx.settings.agentId,
      round: plan.round,
      maxRounds: ctx.settings.review.maxReworkRounds,
      reasons: plan.reasons,
      commits,
      verify,
      secrets: ctx.settings.secrets,
      head,
    });
    ({ work } = await ensureComment(ctx, work, { target: pr, key: "reworkComment", body, name: `PR #${pr}` }));
  }
  if (plan.changesRequestedBy.length > 0 && recordedInDetail(ctx, work, "reviewRequested") === undefined) {
    await review.requestReviewers(pr, plan.changesRequestedBy);
    const who = plan.changesRequestedBy.map((login) => `@${login}`).join(", ");
    work = advance(
      ctx,
      work,
      { to: "deliver", detail: { reviewRequested: plan.changesRequestedBy } },
      `review asked again of ${who}`,
    );
  }
  const { claim } = await readClaimHolder(tracker, work.issue.number, ctx.settings.agentId, work.leaseSha);
  if (claim.holder === "us") await tracker.deleteClaimRef(work.issue.number);
  await removeWorktree(ctx, work);
  const done = advance(
    ctx,
    work,
    {
      to: "done",
      headSha: head ?? null,
      expected: { ...work.item.expected, issueNumber: work.issue.number, pushedSha: head },
    },
    `rework round ${plan.round} of PR #${pr} delivered`,
  );
  const url = plan.pullUrl;
  return { kind: "next", work: done, pr: { number: pr, url } };
}
