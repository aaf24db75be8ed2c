import { GitError } from "../../errors/index.js";
import type { GitWorkspace } from "../ports.js";
import { rebasedCleanly } from "./update-rework-branch.js";

/**
 * Push a rework round to the pull request's branch without ever overwriting a commit someone
 * else pushed: a plain push, or — after a rebase onto the base — a push with a lease on the
 * commit the round started from (`rewrittenFrom`). When GitHub has commits we do not (a person
 * pushed during the round), ours are rebased onto them (commits already there are skipped by
 * git) and pushed again. Returns the commit now on GitHub.
 *
 * `git` pushes and fetches (the repository); `workspace` is where the branch is checked out.
 */
export async function pushRework(
  git: GitWorkspace,
  workspace: GitWorkspace,
  branch: string,
  options: { rewrittenFrom?: string } = {},
): Promise<string> {
  const head = await workspace.resolveRef("HEAD");
  if (!head) throw new GitError(`${branch} has no commit to push`);
  try {
    if (options.rewrittenFrom) await git.pushWithLease("origin", branch, options.rewrittenFrom);
    else await git.push("origin", branch);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    await git.fetch("origin", branch);
    if (!(await rebasedCleanly(workspace, `origin/${branch}`))) {
      throw new GitError(`our rework of ${branch} conflicts with commits pushed to it meanwhile`, {
        cause: error,
        hint: "the commits stay on the local branch; a person has to reconcile them",
      });
    }
    await git.push("origin", branch);
  }
  return (await workspace.resolveRef("HEAD")) ?? head;
}
