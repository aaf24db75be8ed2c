// Public types of the fake GitHub server. Kept apart from the implementation so tests, the
// benchmark and `my-little-soda demo` can depend on the shapes without pulling in the server.

import type { FakeRepoChecks } from "./types-checks.js";
import type { FakeRepoPolicy, RepoSettings } from "./types-policy.js";
import type { FakeRepoReviews, FakeReview, FakeReviewComment } from "./types-reviews.js";

/** `triage` may label and close issues but not push (GitHub reports it as `read`, with `role_name: "triage"`). */
export type PermissionLevel = "read" | "triage" | "write" | "admin";

export interface StartFakeGitHubOptions {
  /** Core rate limit per login and hour; GitHub's default for a personal token is 5000. */
  rateLimit?: number;
}

/** Only what a test needs to assert on: never the token nor any header. */
export interface RequestLogEntry {
  method: string;
  /** Percent-decoded path without the query, so tests need not know how Octokit encodes `:` or `/`. */
  path: string;
  query: Record<string, string>;
  /** 0 while in flight, and when a `drop` fault closed the connection without an answer. */
  status: number;
  login: string | null;
  durationMs: number;
}

export interface RequestFilter {
  method?: string;
  path?: string | RegExp;
  status?: number;
}

export type FaultSpec = {
  method?: string;
  /** Matched against the percent-decoded URL path without the query. */
  path?: string | RegExp;
  /** Let this many matching requests pass first (default 0). */
  skip?: number;
  /** Then fail this many (default 1; `Infinity` for ever). */
  times?: number;
} & (
  | { kind: "status"; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: "drop" }
  /** Handle the request (its writes happen), then drop the connection: the answer is lost. */
  | { kind: "drop-after" }
  | { kind: "latency"; ms: number }
  | { kind: "secondary-rate-limit"; retryAfterSeconds: number }
);

export interface RateLimitSnapshot {
  limit: number;
  remaining: number;
  used: number;
  resetAt: Date;
}

export interface CreateRepoOptions {
  owner: string;
  name: string;
  defaultBranch?: string;
  private?: boolean;
  /** A real bare git repository: refs, branches and commits are read from it on every request. */
  bareRepoPath: string;
  /** The owner login always gets admin. */
  permissions?: Record<string, PermissionLevel>;
  /** GitHub's defaults: every merge method allowed, head branches kept after merge. */
  settings?: Partial<RepoSettings>;
}

export interface LabelSeed {
  name: string;
  color: string;
  description?: string | null;
}

export interface FakeLabel {
  readonly name: string;
  readonly color: string;
  readonly description: string | null;
}

export type IssueState = "open" | "closed";

export interface IssueSeed {
  title: string;
  body?: string | null;
  labels?: string[];
  assignees?: string[];
  /** Defaults to the repository owner. */
  author?: string;
  createdAt?: Date;
  state?: IssueState;
}

export interface FakeComment {
  readonly author: string;
  readonly body: string;
}

/** A live view: every read reflects the server's current state. */
export interface FakeIssue {
  readonly number: number;
  readonly title: string;
  readonly body: string | null;
  readonly state: IssueState;
  readonly stateReason: string | null;
  readonly labels: string[];
  readonly assignees: string[];
  readonly author: string;
  readonly isPullRequest: boolean;
  readonly comments: FakeComment[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly closedAt: Date | null;
}

export interface FakePull extends FakeIssue {
  readonly headRef: string;
  readonly baseRef: string;
  /** The head sha last seen: frozen once merged or when the head branch is gone. */
  readonly headSha: string;
  readonly draft: boolean;
  readonly merged: boolean;
  readonly mergedAt: Date | null;
  readonly mergeCommitSha: string | null;
  readonly reviews: FakeReview[];
  readonly reviewComments: FakeReviewComment[];
  readonly requestedReviewers: string[];
}

export interface PullSeed {
  title: string;
  body?: string | null;
  head: string;
  base?: string;
  author?: string;
  draft?: boolean;
}

export type CommitState = "error" | "failure" | "pending" | "success";

export type MergeMethod = "merge" | "squash" | "rebase";

export interface MergeResult {
  sha: string;
}

export interface CommitStatusOptions {
  description?: string | null;
  targetUrl?: string | null;
  /** Who posted it; defaults to the repository owner. */
  creator?: string;
}

/** Seeding and "a person did this on github.com": bypasses HTTP, so it is neither logged nor rate-limited. */
export interface FakeRepo extends FakeRepoReviews, FakeRepoChecks, FakeRepoPolicy {
  readonly owner: string;
  readonly name: string;
  readonly fullName: string;
  readonly defaultBranch: string;
  readonly isPrivate: boolean;
  readonly bareRepoPath: string;
  addLabel(label: LabelSeed): FakeLabel;
  labels(): FakeLabel[];
  addIssue(seed: IssueSeed): FakeIssue;
  /**
   * Fast bulk seeding (10,000 issues in well under a second). A function template receives the
   * 0-based index; a missing title becomes "Seeded issue <n>".
   */
  addIssues(count: number, template?: Partial<IssueSeed> | ((index: number) => Partial<IssueSeed>)): FakeIssue[];
  issue(number: number): FakeIssue;
  /** Every issue including pull requests (see `isPullRequest`), in number order. */
  issues(): FakeIssue[];
  closeIssue(number: number, reason?: "completed" | "not_planned"): void;
  /** GitHub's issue dependencies: `blocker` blocks `number` (as a person would set it on github.com). */
  addBlockedBy(number: number, blocker: number): void;
  addSubIssue(parent: number, child: number): void;
  /** Off: behave like a server without issue dependencies and sub-issues (no summaries, 404s). */
  setIssueRelations(enabled: boolean): void;
  reopenIssue(number: number): void;
  setIssueLabels(number: number, labels: string[]): void;
  setAssignees(number: number, logins: string[]): void;
  addComment(number: number, author: string, body: string): FakeComment;
  /** Someone edits the title or body on github.com: a `renamed` event, an entry in the body's edit history. */
  editIssue(number: number, changes: { title?: string; body?: string }, editor: string): void;
  /** Someone puts labels on on github.com (a `labeled` event with them as the actor). */
  addIssueLabels(number: number, labels: string[], actor: string): void;
  createPull(seed: PullSeed): Promise<FakePull>;
  pulls(): FakePull[];
  pull(number: number): FakePull;
  /** Merged by the repository owner, through the same checks as `PUT /pulls/{n}/merge`. */
  mergePull(number: number, options?: { method?: MergeMethod }): Promise<MergeResult>;
  closePull(number: number): void;
  /** Keeps every status; the combined status reads the latest per context. */
  setCommitStatus(sha: string, state: CommitState, context?: string, options?: CommitStatusOptions): void;
  setPermission(login: string, level: PermissionLevel | "none"): void;
  permissionOf(login: string): PermissionLevel | "none";
}

export interface FakeGitHub {
  /** "http://127.0.0.1:<port>": the API base URL (no /api/v3). */
  readonly url: string;
  close(): Promise<void>;
  /**
   * A login and its token. With `scopes` the token is a classic one: every answer to it carries
   * `X-OAuth-Scopes` (the scopes are shown, not enforced). Without, it is answered as GitHub
   * answers a fine-grained or App token: no such header.
   */
  addUser(login: string, token: string, options?: { scopes?: readonly string[] }): void;
  /** Revoke a token: every later request with it gets 401 Bad credentials. */
  revokeToken(token: string): void;
  createRepo(options: CreateRepoOptions): FakeRepo;
  repo(owner: string, name: string): FakeRepo;
  /** Every request, in arrival order; status and durationMs are set once it is answered. */
  readonly requests: RequestLogEntry[];
  clearRequestLog(): void;
  countRequests(filter?: RequestFilter): number;
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  /** Requests no route matched: the CLI called an endpoint the fake does not model. */
  readonly unexpectedRequests: RequestLogEntry[];
  clearUnexpectedRequests(): void;
  assertNoUnexpectedRequests(): void;
  setRateLimit(login: string, state: { remaining?: number; resetAt?: Date }): void;
  rateLimitOf(login: string): RateLimitSnapshot;
}
