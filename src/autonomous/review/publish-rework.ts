import { pushRework } from "../../core/review/push-rework.js";
import type { LoopContext, Work } from "../work-context.js";
import { advance, recordedInDetail } from "../work-context.js";

/**
 * Push a rework round (`pushRework`: never over a commit someone else pushed) and record what
 * was pushed. Returns the work with it recorded; a no-op when it already is.
 */
export async function publishRework(ctx: LoopContext, work: Work): Promise<Work> {
  const workspace = ctx.deps.openWorkspace(work.worktree);
  const head = await workspace.resolveRef("HEAD");
  if (!head || work.item.expected?.pushedSha === head) return work;
  const rewritten = recordedInDetail(ctx, work, "rewritten") === true;
  const remoteSha = recordedInDetail(ctx, work, "remoteSha") as string | null | undefined;
  const pushed = await pushRework(ctx.deps.git, workspace, work.branch, {
    rewrittenFrom: rewritten && remoteSha ? remoteSha : undefined,
  });
  return advance(
    ctx,
    work,
    {
      to: work.item.state,
      headSha: pushed,
      expected: { ...work.item.expected, issueNumber: work.issue.number, pushedSha: pushed },
    },
    `pushed ${work.branch}`,
  );
}
