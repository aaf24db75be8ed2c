/**
 * The ports the use cases depend on, in our own words. `src/github/` and `src/git/` implement
 * them; tests may implement them with fakes we own. Nothing here mentions Octokit or simple-git.
 */
import type { QuotaPause } from "../domain/quota-pause.js";
import type { Marks } from "../domain/claim-marks.js";
import type { BlockerFact } from "../domain/dependencies.js";
import type { Issue } from "../domain/issue.js";
import type { LabelSpec } from "../domain/labels.js";
import type { Lease } from "../domain/lease.js";
import type { PullRequestRef } from "../domain/pull-request-ref.js";

export interface Viewer {
  login: string;
}

export interface RepositoryInfo {
  owner: string;
  name: string;
  fullName: string;
  defaultBranch: string;
  url: string;
  isPrivate: boolean;
  /** Whether the authenticated user may push (and so label, assign and open PRs). */
  canPush: boolean;
}

export interface RateLimitInfo {
  limit: number;
  remaining: number;
  used: number;
  resetAt: Date;
}

export interface IssuePage {
  issues: Issue[];
  /** GitHub reported a further page (a `Link: rel="next"`). */
  hasNextPage: boolean;
}

export interface OpenIssueQuery {
  /** Issues carrying every one of these labels. */
  labels: string[];
  perPage: number;
  page?: number;
}

/** A claim lock as it exists on GitHub: a ref `refs/my-little-soda/claims/<issue>`. */
export interface ClaimRef {
  issueNumber: number;
  sha: string;
}

export interface PullRequestSummary extends PullRequestRef {
  title: string;
  headBranch: string;
  headSha: string;
  draft: boolean;
  labels: string[];
  author: string;
  state: "open" | "closed";
  merged: boolean;
}

export interface NewPullRequest {
  title: string;
  body: string;
  head: string;
  base: string;
  draft: boolean;
}

/** Claim locks: refs `refs/my-little-soda/claims/<issue>` pointing at lease commits (design §3). */
export interface ClaimLocks {
  /** Write a lease commit (no tree content), optionally as a child of the previous lease. */
  createLeaseCommit(lease: Lease, parentSha?: string): Promise<string>;
  /** The lease a commit holds, or undefined when it is not a lease commit. */
  readLease(sha: string): Promise<Lease | undefined>;
  /**
   * The compare-and-set: create the claim ref at `sha`. Throws `ClaimTakenError` when the ref
   * exists pointing elsewhere (someone else won); succeeds when it already points at `sha`
   * (a retried request whose first answer was lost).
   */
  createClaimRef(issueNumber: number, sha: string): Promise<void>;
  getClaimRef(issueNumber: number): Promise<string | undefined>;
  /** Fast-forward the claim ref; throws `ClaimLostError` when it is not a fast-forward. */
  moveClaimRef(issueNumber: number, sha: string): Promise<void>;
  /** Delete the claim ref; "absent" when there was none (releasing is idempotent). */
  deleteClaimRef(issueNumber: number): Promise<"deleted" | "absent">;
  /** Every claim lock on the repository. */
  listClaimRefs(): Promise<ClaimRef[]>;
  /** The shared quota pause of an agent command (design §5 "Quota"), or undefined. */
  readPause(key: string): Promise<QuotaPause | undefined>;
  writePause(key: string, pause: QuotaPause): Promise<void>;
  clearPause(key: string): Promise<void>;
}

/** GitHub, as the tool needs it. One instance serves one repository. */
export interface IssueTracker extends ClaimLocks {
  /** The authenticated user; fetched at most once per instance. */
  getViewer(): Promise<Viewer>;
  /** The repository, its default branch and our permission; fetched at most once per instance. */
  getRepository(): Promise<RepositoryInfo>;
  /** Core rate limit; does not itself count against it. */
  getRateLimit(): Promise<RateLimitInfo>;
  /** Open issues (pull requests included, as GitHub lists them) carrying all labels, oldest first. */
  listOpenIssues(query: OpenIssueQuery): Promise<IssuePage>;
  listLabels(): Promise<LabelSpec[]>;
  createLabel(label: LabelSpec): Promise<void>;
  updateLabel(currentName: string, label: LabelSpec): Promise<void>;
  getIssue(issueNumber: number): Promise<Issue>;
  /**
   * Open or not, for issues named as blockers (design §2 "Dependencies"): one request for all of
   * them; null for a number that is no issue or pull request. At most `MAX_ISSUE_STATES` numbers.
   */
  readIssueStates(issueNumbers: readonly number[]): Promise<Map<number, BlockerFact | null>>;
  /** The open issues GitHub's issue dependencies say block this one; undefined where the server has none. */
  listOpenBlockers(issueNumber: number): Promise<Issue[] | undefined>;
  /** Replace an issue's labels and assignees in one write; returns the issue as GitHub now has it. */
  setMarks(issueNumber: number, marks: Marks): Promise<Issue>;
  /** Add labels, keeping the others (safe against concurrent edits by people). */
  addLabels(issueNumber: number, labels: string[]): Promise<void>;
  /** Remove a label; "absent" when it was not there. */
  removeLabel(issueNumber: number, label: string): Promise<"removed" | "absent">;
  removeAssignees(issueNumber: number, logins: string[]): Promise<void>;
  /** Comment on an issue; returns the comment's web address. */
  createComment(issueNumber: number, body: string): Promise<{ url: string }>;
  /** The open pull request whose head is this branch of this repository, if any. */
  findOpenPullRequest(headBranch: string): Promise<PullRequestSummary | undefined>;
  getPullRequest(pullNumber: number): Promise<PullRequestSummary>;
  /** The commit a branch of the repository points at on GitHub, or undefined when it does not exist. */
  getBranchHead(branch: string): Promise<string | undefined>;
  /** Open a pull request; if one is already open for the head, that one is returned. */
  createPullRequest(pull: NewPullRequest): Promise<PullRequestSummary>;
}

export interface WorkingTreeStatus {
  /** Modified or staged tracked files; untracked files do not count (design §4). */
  changedTrackedFiles: string[];
  untrackedFiles: string[];
}

/** The local git checkout the command runs in. */
export interface GitWorkspace {
  /** Absolute path of the working tree's top level. */
  root(): Promise<string>;
  /** The URL configured for a remote, as written in the config (not rewritten). */
  remoteUrl(remote: string): Promise<string | undefined>;
  /** The checked-out branch, or undefined on a detached HEAD. */
  currentBranch(): Promise<string | undefined>;
  status(): Promise<WorkingTreeStatus>;
  /** Commits on `head` that are not on `base` (local refs, no fetch). */
  countCommitsAhead(base: string, head: string): Promise<number>;
  /** Whether a ref (branch, remote branch) resolves locally. */
  hasRef(ref: string): Promise<boolean>;
  /** The commit a ref points at, or undefined. */
  resolveRef(ref: string): Promise<string | undefined>;
  fetch(remote: string, branch: string): Promise<void>;
  /** Create `branch` at `startPoint` and check it out. */
  createAndCheckoutBranch(branch: string, startPoint: string): Promise<void>;
  checkout(branch: string): Promise<void>;
  /** A new worktree at `path` on a new `branch` from `startPoint` (or on the existing branch). */
  addWorktree(path: string, branch: string, startPoint: string): Promise<void>;
  /** Remove a worktree this tool added (its branch stays); files left in it are discarded. */
  removeWorktree(path: string): Promise<void>;
  /**
   * Stage everything (new files included) and commit it; returns the new commit, or undefined
   * when there was nothing to commit. Used to keep what an agent left uncommitted.
   */
  commitAll(message: string): Promise<string | undefined>;
  /**
   * Push `branch` to `remote` (no force), as `remoteBranch` if given. Throws `PushRejectedError`
   * when the remote refuses it (it moved on, or the branch is protected), `GitError` otherwise.
   */
  push(remote: string, branch: string, remoteBranch?: string): Promise<void>;
  /**
   * Rebase the checked-out branch onto `upstream`. On a conflict the rebase is aborted, leaving
   * the branch as it was, and `MergeConflictError` is thrown.
   */
  rebase(upstream: string): Promise<void>;
  /** Subjects of the commits on `head` not on `base`, oldest first. */
  listCommits(base: string, head: string): Promise<Array<{ sha: string; subject: string }>>;
  /** Local branches whose names start with a prefix. */
  listBranches(prefix: string): Promise<string[]>;
  deleteBranch(branch: string): Promise<void>;
  /**
   * Add patterns to this clone's own exclude file (`.git/info/exclude`), which applies on every
   * branch — unlike a committed .gitignore, which a branch cut from an older base lacks.
   */
  excludeLocally(patterns: readonly string[]): Promise<void>;
  /** Whether this checkout is a linked worktree (not the main one). */
  isLinkedWorktree(): Promise<boolean>;
  /**
   * Note in this clone's config the lease commit an agent's latest claim from here was made with,
   * so a later `bottle` here knows a claim ref still at it is ours without reading the lease.
   */
  rememberLease(agentId: string, leaseSha: string): Promise<void>;
  /** The lease noted by `rememberLease` for an agent, or undefined. */
  rememberedLease(agentId: string): Promise<string | undefined>;
  /** Whether every commit of `ref` is contained in `target`. */
  isAncestor(ref: string, target: string): Promise<boolean>;
  /**
   * Merge `upstream` into the checked-out branch. On a conflict the merge is left in progress
   * (for an agent to resolve and commit) and the conflicting files are returned.
   */
  merge(upstream: string, message: string): Promise<MergeOutcome>;
  /** Files with unresolved conflicts. */
  unmergedFiles(): Promise<string[]>;
  mergeInProgress(): Promise<boolean>;
  abortMerge(): Promise<void>;
  /** Fast-forward the checked-out branch to `ref`; false when it has diverged. */
  fastForward(ref: string): Promise<boolean>;
  /**
   * Push `branch` over the remote branch only if the remote still points at `expectedRemoteSha`
   * (after a rebase): commits someone else pushed meanwhile are never overwritten.
   */
  pushWithLease(remote: string, branch: string, expectedRemoteSha: string): Promise<void>;
  /** The committer time of a commit. */
  commitTime(ref: string): Promise<Date | undefined>;
  /** The best common ancestor of two commits, or undefined when they share none (or one is unknown). */
  mergeBase(a: string, b: string): Promise<string | undefined>;
}

export type MergeOutcome = { outcome: "merged" | "up-to-date" } | { outcome: "conflict"; files: string[] };

/** Runs a command (argv, no shell) in a directory; used for the verify step. */
export interface CommandRunner {
  run(argv: readonly string[], cwd: string): Promise<{ exitCode: number; output: string; durationMs: number }>;
}

/** The few file operations use cases need, rooted wherever the caller decides. */
export interface Files {
  /** The file's text, or undefined when it does not exist. */
  read(path: string): Promise<string | undefined>;
  /** Write the file, creating parent directories. */
  write(path: string, content: string): Promise<void>;
}
