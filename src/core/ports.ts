/**
 * The ports the use cases depend on, in our own words. `src/github/` and `src/git/` implement
 * them; tests may implement them with fakes we own. Nothing here mentions Octokit or simple-git.
 */
import type { Issue } from "../domain/issue.js";
import type { LabelSpec } from "../domain/labels.js";

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

export interface PullRequestSummary {
  number: number;
  title: string;
  url: string;
  headBranch: string;
  headSha: string;
  draft: boolean;
  labels: string[];
  author: string;
}

export type ReviewState = "approved" | "changes-requested" | "commented" | "none";
export type CheckState = "success" | "failure" | "pending" | "error" | "none";

/** GitHub, as the tool needs it. One instance serves one repository. */
export interface IssueTracker {
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
  /** Every claim lock on the repository. */
  listClaimRefs(): Promise<ClaimRef[]>;
  getIssue(issueNumber: number): Promise<Issue>;
  /** Open pull requests carrying a label, oldest first (one page of at most 100). */
  listOpenPullRequestsWithLabel(label: string): Promise<PullRequestSummary[]>;
  getReviewState(pullNumber: number): Promise<ReviewState>;
  getCheckState(ref: string): Promise<CheckState>;
}

export interface WorkingTreeStatus {
  /** Modified or staged tracked files; untracked files do not count (SPEC §4). */
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
}

/** The few file operations use cases need, rooted wherever the caller decides. */
export interface Files {
  /** The file's text, or undefined when it does not exist. */
  read(path: string): Promise<string | undefined>;
  /** Write the file, creating parent directories. */
  write(path: string, content: string): Promise<void>;
}
