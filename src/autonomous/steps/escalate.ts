import { escalationComment } from "../../domain/escalation-comment.js";
import { LABEL } from "../../domain/labels.js";
import type { LoopContext, Work } from "../work-context.js";
import { advance, recordedInDetail } from "../work-context.js";
import { notify } from "../notify/notify.js";
import { ensureComment } from "./ensure-comment.js";
import { removeWorktree } from "./ensure-worktree.js";
import type { AttemptFailure } from "./failure.js";
import { preserveWork } from "./preserve-work.js";

/**
 * Hand the issue to a person (design §5): work pushed, one comment, `route:human-only` on, the
 * claim released. Each part is safe to replay: the intent and the comment are checkpointed,
 * so a crash in the middle never leaves a second comment.
 */
export async function escalate(
  ctx: LoopContext,
  start: Work,
  failure: AttemptFailure,
  attempts: number,
): Promise<void> {
  const { tracker } = ctx.deps;
  let work = start;
  const number = work.issue.number;
  if (recordedInDetail(ctx, work, "escalating") === undefined) {
    work = advance(
      ctx,
      work,
      { to: work.item.state, detail: { escalating: { ...failure, attempts } } },
      `escalating after ${attempts} failed attempts`,
    );
  }
  const preserved = await preserveWork(ctx, work);
  if (recordedInDetail(ctx, work, "escalationComment") === undefined) {
    const body = escalationComment({
      agentId: ctx.settings.agentId,
      reason: failure.reason,
      attempts,
      branch: preserved.branch,
      tail: failure.tail,
      secrets: ctx.settings.secrets,
    });
    ({ work } = await ensureComment(ctx, work, { target: number, key: "escalationComment", body }));
  }
  await tracker.addLabels(number, [LABEL.humanOnly]);
  await tracker.removeLabel(number, ctx.settings.agentId);
  if (work.issue.assignees.includes(work.login)) await tracker.removeAssignees(number, [work.login]);
  await tracker.deleteClaimRef(number);
  await removeWorktree(ctx, work);
  advance(
    ctx,
    work,
    { to: "escalated", detail: { ...failure, attempts, preserved: preserved.note } },
    `handed to a person: ${failure.reason}`,
  );
  // A spend limit stops the issue at once: that is the budget's stop, said as such.
  const event = failure.errorClass === "spend-limit" ? "budget-stop" : "escalation";
  const reason = event === "budget-stop" ? failure.reason : `${attempts} failed attempts: ${failure.reason}`;
  notify(ctx, event, { reason, issue: work.issue });
}
