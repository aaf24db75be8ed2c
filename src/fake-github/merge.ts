import { ApiError } from "./errors.js";
import { assertRequirementsMet } from "./merge-requirements.js";
import { branchShas, liveShas } from "./pull-ops.js";
import { replayOnto } from "./rebase-merge.js";
import type { IssueRecord, PullRecord, RepoState } from "./state.js";
import type { MergeMethod } from "./types.js";
import type { RepoSettings } from "./types-policy.js";

// Merging a pull request for real in the bare repository, with GitHub's checks first (merge
// method allowed, head unchanged, not a draft, no conflict, branch protection satisfied) and
// GitHub's doings after (close the pull request and the issues it closes, delete the branch).

export type { MergeMethod } from "./types.js";

export interface MergeOptions {
  method?: MergeMethod;
  /** The head sha the client saw; GitHub refuses the merge when the branch has moved since. */
  sha?: string;
  commitTitle?: string;
  commitMessage?: string;
  merger: string;
}

type Pull = IssueRecord & { pull: PullRecord };

const notMergeable = (): ApiError => new ApiError(405, "Pull Request is not mergeable");

const METHOD_RULES: Record<MergeMethod, { allowed: (s: RepoSettings) => boolean; refusal: string }> = {
  merge: { allowed: (s) => s.allowMergeCommit, refusal: "Merge commits are not allowed on this repository." },
  squash: { allowed: (s) => s.allowSquashMerge, refusal: "Squash merges are not allowed on this repository." },
  rebase: { allowed: (s) => s.allowRebaseMerge, refusal: "Rebase merges are not allowed on this repository." },
};

const GITHUB = { name: "GitHub", email: "noreply@github.com" };

/** GitHub's closing keywords: close(s|d), fix(es|ed), resolve(s|d), optionally followed by a colon. */
export function closingReferences(text: string | null): number[] {
  if (!text) return [];
  const pattern = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?\s+#(\d+)\b/gi;
  return [...text.matchAll(pattern)].map((match) => Number(match[1]));
}

async function squashDetail(repo: RepoState, base: string, head: string): Promise<string> {
  const commits = await repo.bare.commitsBetween(base, head);
  const [only] = commits;
  if (only && commits.length === 1) return only.message.split("\n").slice(1).join("\n").trim();
  return commits.map((c) => `* ${c.message}`).join("\n\n");
}

/** The commit the base moves to: always a new one, as GitHub never fast-forwards. */
async function landingCommit(
  repo: RepoState,
  issue: Pull,
  shas: { base: string; head: string },
  options: MergeOptions,
) {
  const { base, head } = shas;
  const method = options.method ?? "merge";
  if (method === "rebase") return replayOnto(repo, base, head, GITHUB);
  const tree = await repo.bare.mergeTree(base, head);
  if (!tree) throw notMergeable();
  const id = repo.world.users.idOf(options.merger);
  const author = { name: options.merger, email: `${id}+${options.merger}@users.noreply.github.com` };
  const merge = method === "merge";
  const title =
    options.commitTitle ??
    (merge
      ? `Merge pull request #${issue.number} from ${issue.pull.headOwner}/${issue.pull.headRef}`
      : `${issue.title} (#${issue.number})`);
  const detail = options.commitMessage ?? (merge ? issue.title : await squashDetail(repo, base, head));
  const message = detail ? `${title}\n\n${detail}\n` : `${title}\n`;
  return repo.bare.commitTree({ tree, parents: merge ? [base, head] : [base], message, author, committer: GITHUB });
}

/** delete_branch_on_merge, except where GitHub keeps the branch: protected, or the base of another open PR. */
async function deleteHeadBranch(repo: RepoState, issue: Pull, head: string): Promise<void> {
  const ref = issue.pull.headRef;
  if (!repo.settings.deleteBranchOnMerge || ref === repo.defaultBranch || repo.protections.has(ref)) return;
  if (repo.issues.some((other) => other.state === "open" && other.pull?.baseRef === ref)) return;
  await repo.bare.deleteRef(`refs/heads/${ref}`, head);
}

export async function mergePullRequest(
  repo: RepoState,
  issue: IssueRecord,
  options: MergeOptions,
): Promise<{ sha: string }> {
  const pull = issue.pull;
  if (!pull || pull.merged || issue.state !== "open") throw notMergeable();
  const open = issue as Pull;
  const rule = METHOD_RULES[options.method ?? "merge"];
  if (!rule.allowed(repo.settings)) throw new ApiError(405, rule.refusal);
  const branches = await branchShas(repo);
  const { head, base } = liveShas(repo, issue, branches);
  if (!branches.has(pull.headRef) || base === null) throw notMergeable();
  if (options.sha !== undefined && options.sha !== head) {
    throw new ApiError(409, "Head branch was modified. Review and try the merge again.");
  }
  if (pull.draft) throw new ApiError(405, "Pull Request is still a draft");
  let sha = base;
  // A head already contained in the base has nothing left to land.
  if (!(await repo.bare.isAncestor(head, base))) {
    if (await repo.gitAnswers.conflicts(base, head)) throw notMergeable();
    await assertRequirementsMet(repo, open, { head, base }, options.merger);
    sha = await landingCommit(repo, open, { base, head }, options);
    if (!(await repo.bare.updateRef(`refs/heads/${pull.baseRef}`, sha, base))) {
      throw new ApiError(409, "Base branch was modified. Review and try the merge again.");
    }
  }

  pull.headSha = head;
  pull.merged = true;
  pull.mergedAt = Date.now();
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
  await deleteHeadBranch(repo, open, head);
  return { sha };
}
