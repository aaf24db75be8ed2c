import { ApiError, validationFailed } from "./errors.js";
import type { IssueRecord, PullRecord, RepoState } from "./state.js";
import type { PullSeed } from "./types.js";

// Opening pull requests and reading their live shas, shared by the HTTP routes and FakeRepo.

/** "owner:branch" or a bare branch name; forks are not modelled, so the owner must be the repo's. */
export function parseHead(repo: RepoState, head: string): { owner: string; ref: string } {
  const colon = head.indexOf(":");
  if (colon === -1) return { owner: repo.owner, ref: head };
  return { owner: head.slice(0, colon), ref: head.slice(colon + 1) };
}

const invalid = (field: "head" | "base"): ApiError =>
  validationFailed({ resource: "PullRequest", field, code: "invalid" });
const custom = (message: string): ApiError => validationFailed({ resource: "PullRequest", code: "custom", message });

export async function openPull(repo: RepoState, seed: PullSeed): Promise<IssueRecord> {
  const head = parseHead(repo, seed.head);
  const baseRef = seed.base ?? repo.defaultBranch;
  if (head.owner.toLowerCase() !== repo.owner.toLowerCase()) throw invalid("head");
  const baseSha = await repo.bare.branchSha(baseRef);
  if (!baseSha) throw invalid("base");
  const headSha = await repo.bare.branchSha(head.ref);
  if (!headSha) throw invalid("head");
  const duplicate = repo.issues.some(
    (issue) => issue.state === "open" && issue.pull?.headRef === head.ref && issue.pull.baseRef === baseRef,
  );
  if (duplicate) throw custom(`A pull request already exists for ${repo.owner}:${head.ref}.`);
  if (await repo.bare.isAncestor(headSha, baseSha)) throw custom(`No commits between ${baseRef} and ${head.ref}`);

  const pull: PullRecord = {
    id: repo.world.nextId(),
    headOwner: repo.world.users.canonical(repo.owner),
    headRef: head.ref,
    headSha,
    baseRef,
    draft: seed.draft ?? false,
    merged: false,
    mergedAt: null,
    mergedBy: null,
    mergeCommitSha: null,
    reviews: [],
    reviewComments: [],
    requestedReviewers: [],
    mergeabilityShown: null,
  };
  return repo.createIssue({ title: seed.title, body: seed.body ?? null, author: seed.author ?? repo.owner }, pull);
}

/** One `git for-each-ref` for any number of pull requests. */
export async function branchShas(repo: RepoState): Promise<Map<string, string>> {
  const refs = await repo.bare.listRefs("refs/heads/");
  return new Map(refs.map((entry) => [entry.ref.slice("refs/heads/".length), entry.sha]));
}

/**
 * An open pull request follows its head branch as people push to it; a merged or closed one
 * keeps the head it had, as GitHub shows it after the branch is deleted. Pushes happen behind
 * the fake's back (plain `git push`), so what GitHub does on a push happens here, when noticed.
 */
export function liveShas(
  repo: RepoState,
  issue: IssueRecord,
  branches: Map<string, string>,
): { head: string; base: string | null } {
  const pull = issue.pull;
  if (!pull) throw new Error(`#${issue.number} is not a pull request`);
  const head = branches.get(pull.headRef);
  if (issue.state === "open" && head && head !== pull.headSha) {
    pull.headSha = head;
    dismissStaleApprovals(repo, pull, head);
  }
  return { head: pull.headSha, base: branches.get(pull.baseRef) ?? null };
}

/** With "dismiss stale reviews" on the base's protection, a push dismisses older approvals. */
function dismissStaleApprovals(repo: RepoState, pull: PullRecord, newHead: string): void {
  if (!repo.protections.get(pull.baseRef)?.requiredReviews?.dismissStale) return;
  for (const review of pull.reviews) {
    if (review.state === "APPROVED" && review.commitId !== newHead) review.state = "DISMISSED";
  }
}

export function requirePull(repo: RepoState, number: number): IssueRecord & { pull: PullRecord } {
  const issue = repo.issue(number);
  if (!issue?.pull) throw new ApiError(404, "Not Found");
  return issue as IssueRecord & { pull: PullRecord };
}

/** One pull request brought up to its branches, for a read that must reflect the latest push. */
export async function syncPull(repo: RepoState, issue: IssueRecord): Promise<{ head: string; base: string | null }> {
  return liveShas(repo, issue, await branchShas(repo));
}

/** Brings every open pull request up to its branch's head: checks and runs list them by head sha. */
export async function syncOpenPulls(repo: RepoState): Promise<Map<string, string>> {
  const branches = await branchShas(repo);
  for (const issue of repo.issues) if (issue.pull && issue.state === "open") liveShas(repo, issue, branches);
  return branches;
}
