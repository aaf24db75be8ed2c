import type { Marks } from "../domain/claim-marks.js";
import type { Issue } from "../domain/issue.js";
import type { LabelSpec } from "../domain/labels.js";
import type { Lease } from "../domain/lease.js";
import { NotFoundError, RepositoryNotFoundError } from "../errors/index.js";
import type {
  CheckState,
  ClaimRef,
  IssuePage,
  IssueTracker,
  NewPullRequest,
  OpenIssueQuery,
  PullRequestSummary,
  RateLimitInfo,
  RepositoryInfo,
  ReviewState,
  Viewer,
} from "../core/ports.js";
import * as claims from "./claim-refs.js";
import type { SodaOctokit } from "./create-octokit.js";
import { mapIssue } from "./map-issue.js";
import { parsePayload } from "./parse-payload.js";
import * as pulls from "./pull-requests.js";
import {
  combinedStatusSchema,
  issueSchema,
  labelSchema,
  rateLimitSchema,
  repositorySchema,
  reviewSchema,
  viewerSchema,
} from "./schemas.js";
import { translateError } from "./translate-error.js";
import { z } from "zod";

export interface GitHubIssueTrackerOptions {
  octokit: SodaOctokit;
  owner: string;
  repo: string;
}

/** `IssueTracker` over GitHub's REST API. Payloads become our types here and nowhere else. */
export class GitHubIssueTracker implements IssueTracker {
  private readonly octokit: SodaOctokit;
  private readonly owner: string;
  private readonly repo: string;
  private readonly ctx: claims.RepoContext;
  private viewer: Promise<Viewer> | undefined;
  private repository: Promise<RepositoryInfo> | undefined;

  constructor(options: GitHubIssueTrackerOptions) {
    this.octokit = options.octokit;
    this.owner = options.owner;
    this.repo = options.repo;
    this.ctx = options;
  }

  getViewer(): Promise<Viewer> {
    this.viewer ??= this.call("read the authenticated user", async () => {
      const { data } = await this.octokit.rest.users.getAuthenticated();
      return { login: parsePayload(viewerSchema, data, "GET /user").login };
    });
    return this.viewer;
  }

  getRepository(): Promise<RepositoryInfo> {
    this.repository ??= this.call(`read the repository ${this.fullName}`, async () => {
      try {
        const { data } = await this.octokit.rest.repos.get({ owner: this.owner, repo: this.repo });
        const repo = parsePayload(repositorySchema, data, "GET /repos/{owner}/{repo}");
        return {
          owner: repo.owner.login,
          name: repo.name,
          fullName: repo.full_name,
          defaultBranch: repo.default_branch,
          url: repo.html_url,
          isPrivate: repo.private,
          canPush: repo.permissions?.push ?? false,
        };
      } catch (error) {
        if ((error as { status?: number }).status === 404) {
          throw new RepositoryNotFoundError(`repository ${this.fullName} not found`, {
            status: 404,
            hint: "check --repo / [github] owner and repo; for a private repository the token must be allowed to read it",
          });
        }
        throw error;
      }
    });
    return this.repository;
  }

  getRateLimit(): Promise<RateLimitInfo> {
    return this.call("read the rate limit", async () => {
      const { data } = await this.octokit.rest.rateLimit.get();
      const core = parsePayload(rateLimitSchema, data, "GET /rate_limit").resources.core;
      return { limit: core.limit, remaining: core.remaining, used: core.used, resetAt: new Date(core.reset * 1000) };
    });
  }

  listOpenIssues(query: OpenIssueQuery): Promise<IssuePage> {
    return this.call(`list open issues labelled ${query.labels.join(", ")}`, async () => {
      const response = await this.octokit.rest.issues.listForRepo({
        owner: this.owner,
        repo: this.repo,
        state: "open",
        labels: query.labels.join(","),
        sort: "created",
        direction: "asc",
        per_page: query.perPage,
        page: query.page ?? 1,
      });
      const issues = parsePayload(z.array(issueSchema), response.data, "GET /repos/{owner}/{repo}/issues");
      return { issues: issues.map(mapIssue), hasNextPage: /\brel="next"/.test(response.headers.link ?? "") };
    });
  }

  getIssue(issueNumber: number): Promise<Issue> {
    return this.call(`read issue #${issueNumber} of ${this.fullName}`, async () => {
      const { data } = await this.octokit.rest.issues.get({
        owner: this.owner,
        repo: this.repo,
        issue_number: issueNumber,
      });
      return mapIssue(parsePayload(issueSchema, data, "GET /repos/{owner}/{repo}/issues/{number}"));
    });
  }

  listLabels(): Promise<LabelSpec[]> {
    return this.call("list the repository's labels", async () => {
      const data = await this.octokit.paginate(this.octokit.rest.issues.listLabelsForRepo, {
        owner: this.owner,
        repo: this.repo,
        per_page: 100,
      });
      return parsePayload(z.array(labelSchema), data, "GET /repos/{owner}/{repo}/labels").map((label) => ({
        name: label.name,
        color: label.color,
        description: label.description ?? "",
      }));
    });
  }

  createLabel(label: LabelSpec): Promise<void> {
    return this.call(`create the label ${label.name}`, async () => {
      await this.octokit.rest.issues.createLabel({ owner: this.owner, repo: this.repo, ...label });
    });
  }

  updateLabel(currentName: string, label: LabelSpec): Promise<void> {
    return this.call(`update the label ${currentName}`, async () => {
      await this.octokit.rest.issues.updateLabel({
        owner: this.owner,
        repo: this.repo,
        name: currentName,
        new_name: label.name,
        color: label.color,
        description: label.description,
      });
    });
  }

  listClaimRefs(): Promise<ClaimRef[]> {
    return this.call("list claim refs", () => claims.listClaimRefs(this.ctx));
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

  setMarks(issueNumber: number, marks: Marks): Promise<Issue> {
    return this.call(`update the labels and assignees of #${issueNumber}`, async () => {
      const { data } = await this.octokit.rest.issues.update({
        owner: this.owner,
        repo: this.repo,
        issue_number: issueNumber,
        labels: marks.labels,
        assignees: marks.assignees,
      });
      return mapIssue(parsePayload(issueSchema, data, "PATCH /issues/{number}"));
    });
  }

  addLabels(issueNumber: number, labels: string[]): Promise<void> {
    return this.call(`label #${issueNumber} ${labels.join(", ")}`, async () => {
      await this.octokit.rest.issues.addLabels({
        owner: this.owner,
        repo: this.repo,
        issue_number: issueNumber,
        labels,
      });
    });
  }

  removeLabel(issueNumber: number, label: string): Promise<"removed" | "absent"> {
    return this.call(`remove ${label} from #${issueNumber}`, async () => {
      try {
        await this.octokit.rest.issues.removeLabel({
          owner: this.owner,
          repo: this.repo,
          issue_number: issueNumber,
          name: label,
        });
        return "removed";
      } catch (error) {
        if (claims.statusOf(error) === 404) return "absent";
        throw error;
      }
    });
  }

  removeAssignees(issueNumber: number, logins: string[]): Promise<void> {
    return this.call(`unassign ${logins.join(", ")} from #${issueNumber}`, async () => {
      await this.octokit.rest.issues.removeAssignees({
        owner: this.owner,
        repo: this.repo,
        issue_number: issueNumber,
        assignees: logins,
      });
    });
  }

  createComment(issueNumber: number, body: string): Promise<{ url: string }> {
    return this.call(`comment on #${issueNumber}`, async () => {
      const { data } = await this.octokit.rest.issues.createComment({
        owner: this.owner,
        repo: this.repo,
        issue_number: issueNumber,
        body,
      });
      return { url: typeof data.html_url === "string" ? data.html_url : "" };
    });
  }

  findOpenPullRequest(headBranch: string): Promise<PullRequestSummary | undefined> {
    return this.call(`look for an open pull request from ${headBranch}`, () =>
      pulls.findOpenPullRequest(this.ctx, headBranch),
    );
  }

  createPullRequest(pull: NewPullRequest): Promise<PullRequestSummary> {
    return this.call(`open a pull request from ${pull.head}`, () => pulls.createPullRequest(this.ctx, pull));
  }

  listOpenPullRequestsWithLabel(label: string): Promise<PullRequestSummary[]> {
    return this.call(`list open pull requests labelled ${label}`, async () => {
      // The pulls endpoint cannot filter by label; the issues endpoint can and lists PRs too.
      const page = await this.listOpenIssues({ labels: [label], perPage: 100 });
      const numbers = page.issues.filter((issue) => issue.isPullRequest).map((issue) => issue.number);
      return Promise.all(numbers.map((number) => this.getPullRequest(number)));
    });
  }

  getReviewState(pullNumber: number): Promise<ReviewState> {
    return this.call(`read the reviews of #${pullNumber}`, async () => {
      const { data } = await this.octokit.rest.pulls.listReviews({
        owner: this.owner,
        repo: this.repo,
        pull_number: pullNumber,
        per_page: 100,
      });
      return summariseReviews(parsePayload(z.array(reviewSchema), data, "GET /pulls/{number}/reviews"));
    });
  }

  getCheckState(ref: string): Promise<CheckState> {
    return this.call(`read the checks of ${ref}`, async () => {
      const { data } = await this.octokit.rest.repos.getCombinedStatusForRef({
        owner: this.owner,
        repo: this.repo,
        ref,
      });
      const status = parsePayload(combinedStatusSchema, data, "GET /commits/{ref}/status");
      if (status.total_count === 0) return "none";
      return (["success", "failure", "pending", "error"] as const).find((s) => s === status.state) ?? "pending";
    });
  }

  getBranchHead(branch: string): Promise<string | undefined> {
    return this.call(`read the branch ${branch}`, () => claims.getBranchHead(this.ctx, branch));
  }

  getPullRequest(pullNumber: number): Promise<PullRequestSummary> {
    return this.call(`read pull request #${pullNumber}`, () => pulls.getPullRequest(this.ctx, pullNumber));
  }

  private get fullName(): string {
    return `${this.owner}/${this.repo}`;
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

/** The latest review per reviewer decides, as on github.com. */
function summariseReviews(reviews: ReadonlyArray<{ state: string; user: { login: string } | null }>): ReviewState {
  const latest = new Map<string, string>();
  for (const review of reviews) {
    if (review.state === "COMMENTED" && latest.has(review.user?.login ?? "")) continue;
    latest.set(review.user?.login ?? "", review.state);
  }
  const states = [...latest.values()];
  if (states.includes("CHANGES_REQUESTED")) return "changes-requested";
  if (states.includes("APPROVED")) return "approved";
  if (states.includes("COMMENTED")) return "commented";
  return "none";
}
