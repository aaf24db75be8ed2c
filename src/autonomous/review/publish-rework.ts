import { GitError } from "../../errors/index.js";
import type { LoopContext, Work } from "../work-context.js";
import { advance, recordedInDetail } from "../work-context.js";
import { rebasedCleanly } from "./prepare-rework.js";

/**
 * Push a rework round to the pull request's branch without ever overwriting a commit someone
 * else pushed: a plain push, or — after a rebase onto the base — a push with a lease on the
 * commit the round started from. When GitHub has commits we do not (a person pushed during the
 * round), ours are rebased onto them (commits already there are skipped by git) and pushed
 * again. Returns the work with what was pushed recorded; a no-op when it already is.
 */
export async function publishRework(ctx: LoopContext, work: Work): Promise<Work> {
  const { git } = ctx.deps;
  const workspace = ctx.deps.openWorkspace(work.worktree);
  const head = await workspace.resolveRef("HEAD");
  if (!head || work.item.expected?.pushedSha === head) return work;
  const rewritten = recordedInDetail(ctx, work, "rewritten") === true;
  const remoteSha = recordedInDetail(ctx, work, "remoteSha") as string | null | undefined;
  try {
    if (rewritten && remoteSha) await git.pushWithLease("origin", work.branch, remoteSha);
    else await git.push("origin", work.branch);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    await git.fetch("origin", work.branch);
    if (!(await rebasedCleanly(workspace, `origin/${work.branch}`))) {
      throw new GitError(`our rework of ${work.branch} conflicts with commits pushed to it meanwhile`, {
        cause: error,
        hint: "the commits stay on the local branch; a person has to reconcile them",
      });
    }
    await git.push("origin", work.branch);
  }
  const pushed = (await workspace.resolveRef("HEAD")) ?? head;
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
