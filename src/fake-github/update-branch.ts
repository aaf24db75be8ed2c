import { ApiError } from "./errors.js";
import { branchShas, liveShas } from "./pull-ops.js";
import type { IssueRecord, PullRecord, RepoState } from "./state.js";

// `PUT /pulls/{n}/update-branch`: GitHub merges the base into the head branch (a merge commit
// on the head, never a rebase) so a "behind" pull request catches up.

export async function updatePullBranch(
  repo: RepoState,
  issue: IssueRecord & { pull: PullRecord },
  options: { expectedHeadSha?: string; actor: string },
): Promise<string> {
  const { pull } = issue;
  if (issue.state !== "open") throw new ApiError(422, "Pull request is closed.");
  const branches = await branchShas(repo);
  const { head, base } = liveShas(repo, issue, branches);
  if (base === null || !branches.has(pull.headRef)) throw new ApiError(422, "Head or base branch is gone.");
  if (options.expectedHeadSha !== undefined && options.expectedHeadSha !== head) {
    throw new ApiError(422, "expected head sha didn't match current head ref.");
  }
  if (await repo.bare.isAncestor(base, head)) throw new ApiError(422, "There are no new commits on the base branch.");
  const tree = await repo.bare.mergeTree(head, base);
  if (!tree) throw new ApiError(422, "merge conflict between base and head");
  const id = repo.world.users.idOf(options.actor);
  const merged = await repo.bare.commitTree({
    tree,
    parents: [head, base],
    message: `Merge branch '${pull.baseRef}' into ${pull.headRef}\n`,
    author: { name: options.actor, email: `${id}+${options.actor}@users.noreply.github.com` },
    committer: { name: "GitHub", email: "noreply@github.com" },
  });
  if (!(await repo.bare.updateRef(`refs/heads/${pull.headRef}`, merged, head))) {
    throw new ApiError(422, "expected head sha didn't match current head ref.");
  }
  // What a push does, now rather than on the next read.
  liveShas(repo, issue, await branchShas(repo));
  return merged;
}
