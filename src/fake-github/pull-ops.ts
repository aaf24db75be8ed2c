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
 * keeps the head it had, as GitHub shows it after the branch is deleted.
 */
export function liveShas(issue: IssueRecord, branches: Map<string, string>): { head: string; base: string | null } {
  const pull = issue.pull;
  if (!pull) throw new Error(`#${issue.number} is not a pull request`);
  const head = branches.get(pull.headRef);
  if (issue.state === "open" && head) pull.headSha = head;
  return { head: pull.headSha, base: branches.get(pull.baseRef) ?? null };
}

export function requirePull(repo: RepoState, number: number): IssueRecord & { pull: PullRecord } {
  const issue = repo.issue(number);
  if (!issue?.pull) throw new ApiError(404, "Not Found");
  return issue as IssueRecord & { pull: PullRecord };
}
