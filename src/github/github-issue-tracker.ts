import type { QuotaPause } from "../domain/quota-pause.js";
import * as pauses from "./pause-refs.js";
import type { Marks } from "../domain/claim-marks.js";
import type { BlockerFact } from "../domain/dependencies.js";
import type { Issue } from "../domain/issue.js";
import type { LabelSpec } from "../domain/labels.js";
import type { Lease } from "../domain/lease.js";
import { NotFoundError } from "../errors/index.js";
import type {
  ClaimRef,
  IssuePage,
  IssueTracker,
  NewPullRequest,
  OpenIssueQuery,
  PullRequestSummary,
  RateLimitInfo,
  RepositoryInfo,
  Viewer,
} from "../core/ports.js";
import * as claims from "./claim-refs.js";
import * as issueStates from "./issue-states.js";
import * as issues from "./issues.js";
import * as labels from "./labels.js";
import * as pulls from "./pull-requests.js";
import type { RepoContext } from "./repo-context.js";
import * as repository from "./repository.js";
import { translateError } from "./translate-error.js";

export type GitHubIssueTrackerOptions = RepoContext;

/**
 * `IssueTracker` over GitHub's REST API. The calls live in one file per concern (issues, labels,
 * claim refs, pull requests, reviews and checks, the repository), each mapping payloads to our
 * types; here each method names what it does, for errors, and translates what fails.
 */
export class GitHubIssueTracker implements IssueTracker {
  private readonly ctx: RepoContext;
  private viewer: Promise<Viewer> | undefined;
  private repository: Promise<RepositoryInfo> | undefined;

  constructor(options: GitHubIssueTrackerOptions) {
    this.ctx = { octokit: options.octokit, owner: options.owner, repo: options.repo };
  }

  // ── the repository ────────────────────────────────────────────────────────────────────────

  getViewer(): Promise<Viewer> {
    return (this.viewer ??= this.call("read the authenticated user", () => repository.getViewer(this.ctx)));
  }

  getRepository(): Promise<RepositoryInfo> {
    return (this.repository ??= this.call(`read the repository ${this.fullName}`, () =>
      repository.getRepository(this.ctx),
    ));
  }

  getRateLimit(): Promise<RateLimitInfo> {
    return this.call("read the rate limit", () => repository.getRateLimit(this.ctx));
  }

  getBranchHead(branch: string): Promise<string | undefined> {
    return this.call(`read the branch ${branch}`, () => repository.getBranchHead(this.ctx, branch));
  }

  // ── issues ────────────────────────────────────────────────────────────────────────────────

  listOpenIssues(query: OpenIssueQuery): Promise<IssuePage> {
    return this.call(`list open issues labelled ${query.labels.join(", ")}`, () =>
      issues.listOpenIssues(this.ctx, query),
    );
  }

  getIssue(issueNumber: number): Promise<Issue> {
    return this.call(`read issue #${issueNumber} of ${this.fullName}`, () => issues.getIssue(this.ctx, issueNumber));
  }

  readIssueStates(issueNumbers: readonly number[]): Promise<Map<number, BlockerFact | null>> {
    return this.call(`read the state of ${describeNumbers(issueNumbers)}`, () =>
      issueStates.readIssueStates(this.ctx, issueNumbers),
    );
  }

  listOpenBlockers(issueNumber: number): Promise<Issue[] | undefined> {
    return this.call(`list what blocks #${issueNumber}`, () => issueStates.listOpenBlockers(this.ctx, issueNumber));
  }

  setMarks(issueNumber: number, marks: Marks): Promise<Issue> {
    return this.call(`update the labels and assignees of #${issueNumber}`, () =>
      issues.setMarks(this.ctx, issueNumber, marks),
    );
  }

  removeAssignees(issueNumber: number, logins: string[]): Promise<void> {
    return this.call(`unassign ${logins.join(", ")} from #${issueNumber}`, () =>
      issues.removeAssignees(this.ctx, issueNumber, logins),
    );
  }

  createComment(issueNumber: number, body: string): Promise<{ url: string }> {
    return this.call(`comment on #${issueNumber}`, () => issues.createComment(this.ctx, issueNumber, body));
  }

  // ── labels ────────────────────────────────────────────────────────────────────────────────

  listLabels(): Promise<LabelSpec[]> {
    return this.call("list the repository's labels", () => labels.listLabels(this.ctx));
  }

  createLabel(label: LabelSpec): Promise<void> {
    return this.call(`create the label ${label.name}`, () => labels.createLabel(this.ctx, label));
  }

  updateLabel(currentName: string, label: LabelSpec): Promise<void> {
    return this.call(`update the label ${currentName}`, () => labels.updateLabel(this.ctx, currentName, label));
  }

  addLabels(issueNumber: number, names: string[]): Promise<void> {
    return this.call(`label #${issueNumber} ${names.join(", ")}`, () => labels.addLabels(this.ctx, issueNumber, names));
  }

  removeLabel(issueNumber: number, label: string): Promise<"removed" | "absent"> {
    return this.call(`remove ${label} from #${issueNumber}`, () => labels.removeLabel(this.ctx, issueNumber, label));
  }

  // ── claim refs ────────────────────────────────────────────────────────────────────────────

  listClaimRefs(): Promise<ClaimRef[]> {
    return this.call("list claim refs", () => claims.listClaimRefs(this.ctx));
  }

  readPause(key: string): Promise<QuotaPause | undefined> {
    return this.call("read the shared quota pause", () => pauses.readPause(this.ctx, key));
  }

  writePause(key: string, pause: QuotaPause): Promise<void> {
    return this.call("set the shared quota pause", () => pauses.writePause(this.ctx, key, pause));
  }

  clearPause(key: string): Promise<void> {
    return this.call("clear the shared quota pause", () => pauses.clearPause(this.ctx, key));
  }

  createLeaseCommit(lease: Lease, parentSha?: string): Promise<string> {
    return this.call("write a lease commit", () => claims.createLeaseCommit(this.ctx, lease, parentSha));
  }

  readLease(sha: string): Promise<Lease | undefined> {
    return this.call(`read the lease ${sha.slice(0, 7)}`, () => claims.readLease(this.ctx, sha));
  }

  createClaimRef(issueNumber: number, sha: string): Promise<void> {
    return this.call(`lock #${issueNumber}`, () => claims.createClaimRef(this.ctx, issueNumber, sha));
  }

  getClaimRef(issueNumber: number): Promise<string | undefined> {
    return this.call(`read the claim on #${issueNumber}`, () => claims.getClaimRef(this.ctx, issueNumber));
  }

  moveClaimRef(issueNumber: number, sha: string): Promise<void> {
    return this.call(`renew the claim on #${issueNumber}`, () => claims.moveClaimRef(this.ctx, issueNumber, sha));
  }

  deleteClaimRef(issueNumber: number): Promise<"deleted" | "absent"> {
    return this.call(`release the claim on #${issueNumber}`, () => claims.deleteClaimRef(this.ctx, issueNumber));
  }

  // ── pull requests ─────────────────────────────────────────────────────────────────────────

  findOpenPullRequest(headBranch: string): Promise<PullRequestSummary | undefined> {
    return this.call(`look for an open pull request from ${headBranch}`, () =>
      pulls.findOpenPullRequest(this.ctx, headBranch),
    );
  }

  getPullRequest(pullNumber: number): Promise<PullRequestSummary> {
    return this.call(`read pull request #${pullNumber}`, () => pulls.getPullRequest(this.ctx, pullNumber));
  }

  createPullRequest(pull: NewPullRequest): Promise<PullRequestSummary> {
    return this.call(`open a pull request from ${pull.head}`, () => pulls.createPullRequest(this.ctx, pull));
  }

  private get fullName(): string {
    return `${this.ctx.owner}/${this.ctx.repo}`;
  }

  private async call<T>(what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      const translated = translateError(error, what);
      // GitHub answers 404 for anything under a repository that does not exist (or that the
      // token cannot see); say that, rather than that one issue or list is missing. Costs one
      // request, on this error path only, and none once the repository is known.
      if (translated instanceof NotFoundError) await this.getRepository();
      throw translated;
    }
  }
}

function describeNumbers(numbers: readonly number[]): string {
  const shown = numbers.slice(0, 3).map((number) => `#${number}`);
  return numbers.length > 3 ? `${shown.join(", ")} and ${numbers.length - 3} more` : shown.join(", ");
}
