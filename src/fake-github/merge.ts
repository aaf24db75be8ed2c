import { ApiError } from "./errors.js";
import type { IssueRecord, PullRecord, RepoState } from "./state.js";

// Merging a pull request for real in the bare repository, then doing what GitHub does around it:
// close the pull request and every issue its body closes with a keyword.

export type MergeMethod = "merge" | "squash" | "rebase";

export interface MergeOptions {
  method?: MergeMethod;
  /** The head sha the client saw; GitHub refuses the merge when the branch has moved since. */
  sha?: string;
  commitTitle?: string;
  commitMessage?: string;
  merger: string;
}

const notMergeable = (): ApiError => new ApiError(405, "Pull Request is not mergeable");

/** GitHub's closing keywords: close(s|d), fix(es|ed), resolve(s|d), optionally followed by a colon. */
export function closingReferences(text: string | null): number[] {
  if (!text) return [];
  const pattern = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\s+#(\d+)\b/gi;
  return [...text.matchAll(pattern)].map((match) => Number(match[1]));
}

async function mergeCommit(
  repo: RepoState,
  issue: IssueRecord,
  pull: PullRecord,
  shas: { base: string; head: string },
  options: MergeOptions,
): Promise<string> {
  const { base, head } = shas;
  const method = options.method ?? "merge";
  if (method === "merge" && (await repo.bare.isAncestor(base, head))) return head;
  const tree = await repo.bare.mergeTree(base, head);
  if (!tree) throw notMergeable();
  const id = repo.world.users.idOf(options.merger);
  const author = { name: options.merger, email: `${id}+${options.merger}@users.noreply.github.com` };
  const committer = { name: "GitHub", email: "noreply@github.com" };
  const defaultTitle =
    method === "merge"
      ? `Merge pull request #${issue.number} from ${pull.headOwner}/${pull.headRef}`
      : `${issue.title} (#${issue.number})`;
  const title = options.commitTitle ?? defaultTitle;
  const detail = options.commitMessage ?? (method === "merge" ? issue.title : "");
  const message = detail ? `${title}\n\n${detail}\n` : `${title}\n`;
  // Rebase is approximated by a squash: the CLI never asks for it, and the resulting tree is the same.
  const parents = method === "merge" ? [base, head] : [base];
  return repo.bare.commitTree({ tree, parents, message, author, committer });
}

export async function mergePullRequest(
  repo: RepoState,
  issue: IssueRecord,
  options: MergeOptions,
): Promise<{ sha: string }> {
  const pull = issue.pull;
  if (!pull || pull.merged || issue.state !== "open") throw notMergeable();
  const head = await repo.bare.branchSha(pull.headRef);
  const base = await repo.bare.branchSha(pull.baseRef);
  if (!head || !base) throw notMergeable();
  if (options.sha !== undefined && options.sha !== head) {
    throw new ApiError(409, "Head branch was modified. Review and try the merge again.");
  }
  const sha = (await repo.bare.isAncestor(head, base))
    ? base
    : await mergeCommit(repo, issue, pull, { base, head }, options);
  if (sha !== base && !(await repo.bare.updateRef(`refs/heads/${pull.baseRef}`, sha, base))) {
    throw new ApiError(409, "Base branch was modified. Review and try the merge again.");
  }

  const now = Date.now();
  pull.headSha = head;
  pull.merged = true;
  pull.mergedAt = now;
  pull.mergedBy = repo.world.users.canonical(options.merger);
  pull.mergeCommitSha = sha;
  repo.setState(issue, "closed");
  // GitHub gives a merged pull request no state_reason.
  issue.stateReason = null;

  // Like GitHub, keywords only close issues when the pull request lands on the default branch.
  if (pull.baseRef === repo.defaultBranch) {
    for (const number of closingReferences(issue.body)) {
      const target = repo.issue(number);
      if (target && !target.pull && target.state === "open") repo.setState(target, "closed", "completed");
    }
  }
  return { sha };
}
