import type { LoopContext, Work } from "../work-context.js";

/**
 * Push the branch when it holds commits the base does not, so work survives whatever happens
 * to this machine's clone. Returns the branch pushed, or undefined (nothing to keep, or the
 * push failed — then the commits are still on the local branch, and the reason is returned).
 */
export async function preserveWork(ctx: LoopContext, work: Work): Promise<{ branch?: string; note: string }> {
  const { git } = ctx.deps;
  const local = `refs/heads/${work.branch}`;
  if (!(await git.hasRef(local))) return { note: "no local branch" };
  const ahead = await git.countCommitsAhead(`origin/${work.baseBranch}`, local).catch(() => 0);
  if (ahead === 0) return { note: "no commits to keep" };
  try {
    await git.push("origin", work.branch);
    return { branch: work.branch, note: `${ahead} commit${ahead === 1 ? "" : "s"} pushed to ${work.branch}` };
  } catch (error) {
    return { note: `kept on the local branch ${work.branch} (push failed: ${error instanceof Error ? error.message : String(error)})` };
  }
}
