import { readClaimHolder } from "../../core/read-claim-holder.js";
import type { LoopContext, Work } from "../work-context.js";
import { advance } from "../work-context.js";
import { removeWorktree } from "./ensure-worktree.js";
import { preserveWork } from "./preserve-work.js";

/**
 * Give up an issue that is no longer ours to work on (closed, claim lost, taken over): push
 * what the agent made, release our claim where we still hold it, and record why.
 */
export async function abandon(
  ctx: LoopContext,
  work: Work,
  reason: string,
  options: { releaseClaim: boolean; sideBranch?: boolean },
): Promise<void> {
  const { tracker } = ctx.deps;
  const preserved = await preserveWork(ctx, work, { sideBranch: options.sideBranch });
  if (options.releaseClaim) {
    const { claim } = await readClaimHolder(tracker, work.issue.number, ctx.settings.agentId, work.leaseSha);
    if (claim.holder === "us") await tracker.deleteClaimRef(work.issue.number);
    if (work.issue.state === "open" && work.issue.labels.includes(ctx.settings.agentId))
      await tracker.removeLabel(work.issue.number, ctx.settings.agentId);
  }
  await removeWorktree(ctx, work);
  advance(
    ctx,
    work,
    { to: "abandoned", detail: { reason, preserved: preserved.note } },
    `abandoned: ${reason} (${preserved.note})`,
  );
}
