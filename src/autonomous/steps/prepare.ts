import type { LoopContext, StepResult, Work } from "../work-context.js";
import { advance } from "../work-context.js";
import { ensureWorktree } from "./ensure-worktree.js";

/** prepare → run-agent: the worktree on the branch, and the HEAD the agent starts from. */
export async function prepare(ctx: LoopContext, work: Work): Promise<StepResult> {
  const workspace = await ensureWorktree(ctx, work);
  const headSha = await workspace.resolveRef("HEAD");
  const baseSha = await ctx.deps.git.resolveRef(`origin/${work.baseBranch}`);
  const next = advance(
    ctx,
    work,
    {
      to: "run-agent",
      branch: work.branch,
      headSha: headSha ?? null,
      baseSha: baseSha ?? null,
      expected: { ...work.item.expected, issueNumber: work.issue.number, branch: work.branch, headSha, baseSha },
      detail: { worktree: work.worktree },
    },
    `worktree ready at ${work.worktree}`,
  );
  return { kind: "next", work: next };
}
