import { existsSync } from "node:fs";
import type { GitWorkspace } from "../../core/ports.js";
import { GitError } from "../../errors/index.js";
import { recordedInDetail, type LoopContext, type Work } from "../work-context.js";

/**
 * The worktree on its branch, created if missing. Every step that touches the branch
 * calls this, so a step replayed after a crash (or after the worktree was removed) finds it.
 * The user's own checkout is never switched.
 */
export async function ensureWorktree(ctx: LoopContext, work: Work): Promise<GitWorkspace> {
  if (existsSync(work.worktree)) {
    const workspace = ctx.deps.openWorkspace(work.worktree);
    const branch = await workspace.currentBranch().catch(() => undefined);
    if (branch === work.branch) return workspace;
    throw new GitError(`the worktree ${work.worktree} is on ${branch ?? "no branch"}, not ${work.branch}`, {
      hint: `someone switched it; check out ${work.branch} there (or remove the worktree with \`git worktree remove\`) and run spawn again`,
    });
  }
  const { git } = ctx.deps;
  await git.fetch("origin", work.baseBranch);
  let startPoint = `origin/${work.baseBranch}`;
  if (!(await git.hasRef(`refs/heads/${work.branch}`))) {
    // Work pushed by an earlier attempt (or another machine) continues; it is never started over.
    const pushed = await git
      .fetch("origin", work.branch)
      .then(() => true)
      .catch(() => false);
    if (pushed) startPoint = `origin/${work.branch}`;
    // A claim taken over continues from what its previous holder pushed (design §3).
    const previous = recordedInDetail(ctx, work, "continueFrom");
    if (!pushed && typeof previous === "string") {
      const found = await git
        .fetch("origin", previous)
        .then(() => true)
        .catch(() => false);
      if (found) startPoint = `origin/${previous}`;
    }
  }
  await git.addWorktree(work.worktree, work.branch, startPoint);
  return ctx.deps.openWorkspace(work.worktree);
}

/** Remove the worktree once the work is pushed; the branch stays. Best effort. */
export async function removeWorktree(ctx: LoopContext, work: Work): Promise<void> {
  if (!existsSync(work.worktree)) return;
  await ctx.deps.git.removeWorktree(work.worktree).catch(() => undefined);
}
