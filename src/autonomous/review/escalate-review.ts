import { LABEL } from "../../domain/labels.js";
import { reworkLimitComment, type HandOverCause } from "../../domain/review/rework-comment.js";
import type { ReworkReason } from "../../domain/review/verdict.js";
import { readClaimHolder } from "../../core/read-claim-holder.js";
import { removeWorktree } from "../steps/ensure-worktree.js";
import { preserveWork } from "../steps/preserve-work.js";
import type { LoopContext, Work } from "../work-context.js";
import { advance, recordedInDetail } from "../work-context.js";
import { ensureComment } from "../steps/ensure-comment.js";
import { notify } from "../notify/notify.js";

/**
 * Hand a pull request to people (design §11): its rework rounds are spent, or the agent kept
 * failing at one. Whatever the round made is pushed, the pull request gets `route:human-only`
 * (the loop never touches it again) and one comment saying why, and our claim is released. Each
 * part is safe to replay; the comment is checkpointed, so there is never a second one.
 */
export async function escalateReview(
  ctx: LoopContext,
  start: Work,
  why: { cause: HandOverCause; reason: string; reasons: ReworkReason[]; spendLimit?: boolean },
): Promise<void> {
  const { tracker } = ctx.deps;
  const pr = start.item.prNumber;
  if (pr === undefined) throw new Error(`rework work item ${start.item.id} has no pull request`);
  let work = start;
  if (recordedInDetail(ctx, work, "escalating") === undefined) {
    work = advance(ctx, work, { to: work.item.state, detail: { escalating: why } }, `handing PR #${pr} to a person`);
  }
  const preserved = await preserveWork(ctx, work);
  if (recordedInDetail(ctx, work, "escalationComment") === undefined) {
    const body = reworkLimitComment({
      agentId: ctx.settings.agentId,
      cause: why.cause,
      reasons: why.reasons,
      branch: work.branch,
      secrets: ctx.settings.secrets,
    });
    ({ work } = await ensureComment(ctx, work, { target: pr, key: "escalationComment", body, name: `PR #${pr}` }));
  }
  await tracker.addLabels(pr, [LABEL.humanOnly]);
  const { claim } = await readClaimHolder(tracker, work.issue.number, ctx.settings.agentId, work.leaseSha);
  if (claim.holder === "us") await tracker.deleteClaimRef(work.issue.number);
  await removeWorktree(ctx, work);
  advance(
    ctx,
    work,
    { to: "escalated", detail: { reason: why.reason, preserved: preserved.note } },
    `PR #${pr} handed to a person: ${why.reason}`,
  );
  notify(ctx, why.spendLimit ? "budget-stop" : "escalation", {
    reason: why.reason,
    issue: work.issue,
    pullRequest: pr,
  });
}
