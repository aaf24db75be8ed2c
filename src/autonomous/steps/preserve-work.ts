import type { LoopContext, Work } from "../work-context.js";

/**
 * Push the branch when it holds commits the base does not, so work survives whatever happens to
 * this machine's clone. When the remote branch refuses it (someone else's commits are there) or
 * `sideBranch` asks for it (ours was rewritten), the work goes to `<branch>-preserved-<item>`
 * next to it instead. Returns the branch pushed, or undefined with the reason.
 */
export async function preserveWork(
  ctx: LoopContext,
  work: Work,
  options: { sideBranch?: boolean } = {},
): Promise<{ branch?: string; note: string }> {
  const { git } = ctx.deps;
  const local = `refs/heads/${work.branch}`;
  if (!(await git.hasRef(local))) return { note: "no local branch" };
  const ahead = await git.countCommitsAhead(`origin/${work.baseBranch}`, local).catch(() => 0);
  if (ahead === 0) return { note: "no commits to keep" };
  const commits = `${ahead} commit${ahead === 1 ? "" : "s"}`;
  if (!options.sideBranch) {
    try {
      await git.push("origin", work.branch);
      return { branch: work.branch, note: `${commits} pushed to ${work.branch}` };
    } catch {
      // Someone else's commits are on it now: keep ours next to them.
    }
  }
  const side = `${work.branch}-preserved-${work.item.id}`;
  try {
    await git.push("origin", work.branch, side);
    return { branch: side, note: `${commits} pushed to ${side}` };
  } catch (error) {
    return {
      note: `kept on the local branch ${work.branch} (push failed: ${error instanceof Error ? error.message : String(error)})`,
    };
  }
}
