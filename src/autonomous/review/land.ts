import type { MergeMethod } from "../../core/review-ports.js";
import type { MergeSettingsFact } from "../../domain/review/facts.js";
import { LABEL } from "../../domain/labels.js";
import { NotMergeableError } from "../../errors/index.js";
import { removeWorktree } from "../steps/ensure-worktree.js";
import type { LoopContext, StepResult, Work } from "../work-context.js";
import { advance, recordedInDetail } from "../work-context.js";

/**
 * land → done: merge the pull request at exactly the head that was assessed (GitHub refuses if
 * it moved), then clean up — the issue's review labels, the worktree, the local branch, and the
 * remote branch unless the repository deletes it itself. The issue closes through the pull request's `Closes #N`.
 * Replayed after a crash, a pull request already merged goes straight to the clean-up. When
 * GitHub refuses the merge (a check or review still missing, the head moved) the work item is
 * abandoned with the reason and the next poll looks again.
 */
export async function land(ctx: LoopContext, start: Work): Promise<StepResult> {
  const { review, git } = ctx.deps;
  const pr = start.item.prNumber;
  const sha = start.item.headSha;
  if (pr === undefined || sha === undefined)
    throw new Error(`land work item ${start.item.id} has no pull request or head`);
  let work = start;
  const detail = await review.getPullRequestDetail(pr);
  if (!detail.merged) {
    if (detail.state === "closed") return abandoned(ctx, work, `PR #${pr} was closed without merging`);
    const settings = await review.getMergeSettings();
    const method = ctx.settings.review.mergeMethod ?? preferredMethod(settings);
    try {
      const merged = await review.mergePullRequest(pr, { method, sha });
      work = advance(
        ctx,
        work,
        { to: "land", detail: { merged: { sha: merged.sha, method } } },
        `merged PR #${pr} (${method})`,
      );
    } catch (error) {
      if (error instanceof NotMergeableError)
        return abandoned(ctx, work, `GitHub would not merge PR #${pr}: ${error.message}`);
      throw error;
    }
  }
  // Landed: nothing waits for review any more (both calls are no-ops when the label is gone).
  await ctx.deps.tracker.removeLabel(work.issue.number, LABEL.review);
  await ctx.deps.tracker.removeLabel(work.issue.number, LABEL.readyToMerge);
  await removeWorktree(ctx, work);
  if ((await git.hasRef(`refs/heads/${work.branch}`)) && (await git.currentBranch()) !== work.branch) {
    await git.deleteBranch(work.branch);
  }
  if (recordedInDetail(ctx, work, "remoteBranch") === undefined) {
    const settings = await review.getMergeSettings();
    const remote = settings.deleteBranchOnMerge ? "deleted by GitHub" : await review.deleteBranch(work.branch);
    work = advance(ctx, work, { to: "land", detail: { remoteBranch: remote } }, `branch ${work.branch}: ${remote}`);
  }
  const url = detail.url;
  const done = advance(ctx, work, { to: "done" }, `PR #${pr} landed; #${work.issue.number} closes with it`);
  return { kind: "next", work: done, pr: { number: pr, url } };
}

/** The repository's allowed method, in the order a person would usually pick. */
export function preferredMethod(settings: MergeSettingsFact): MergeMethod {
  if (settings.allowMergeCommit) return "merge";
  if (settings.allowSquashMerge) return "squash";
  return "rebase";
}

function abandoned(ctx: LoopContext, work: Work, reason: string): StepResult {
  return { kind: "next", work: advance(ctx, work, { to: "abandoned", detail: { reason } }, reason), reason };
}
