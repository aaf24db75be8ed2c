import type { z } from "zod";
import type { JobLog, MergeMethod, OpenPullRequest, PullRequestDetail, ReviewTracker } from "../core/review-ports.js";
import type {
  CheckRunFact,
  CommitStatusFact,
  ConversationCommentFact,
  MergeSettingsFact,
  PermissionLevel,
  ProtectionFact,
  ReviewCommentFact,
  ReviewFact,
} from "../domain/review/facts.js";
import { NotMergeableError } from "../errors/index.js";
import { statusOf, type RepoContext } from "./repo-context.js";
import { parsePayload } from "./parse-payload.js";
import * as schema from "./review-schemas.js";
import { translateError } from "./translate-error.js";

/**
 * `ReviewTracker` over GitHub's REST API: pull requests, checks, statuses, Actions job logs,
 * reviews, comments, protection and merging. Payloads become our facts here and nowhere else.
 */
export class GitHubReviewTracker implements ReviewTracker {
  private readonly permissions = new Map<string, Promise<PermissionLevel>>();
  private mergeSettings: Promise<MergeSettingsFact> | undefined;

  constructor(private readonly ctx: RepoContext) {}

  listOpenPullRequests(): Promise<{ pulls: OpenPullRequest[]; hasNextPage: boolean }> {
    return this.call("list open pull requests", async () => {
      const response = await this.octokit.rest.pulls.list({
        ...this.repo,
        state: "open",
        sort: "updated",
        direction: "desc",
        per_page: 100,
      });
      const pulls = parsePayload(schema.pullListItemSchema.array(), response.data, "GET /pulls").map(mapOpenPull);
      return { pulls, hasNextPage: /\brel="next"/.test(response.headers.link ?? "") };
    });
  }

  getPullRequestDetail(pullNumber: number): Promise<PullRequestDetail> {
    return this.call(`read pull request #${pullNumber}`, async () => {
      const { data } = await this.octokit.rest.pulls.get({ ...this.repo, pull_number: pullNumber });
      const pull = parsePayload(schema.pullDetailSchema, data, "GET /pulls/{number}");
      return {
        ...mapOpenPull(pull),
        state: pull.state,
        merged: pull.merged === true || typeof pull.merged_at === "string",
        body: pull.body ?? "",
        mergeable: pull.mergeable ?? null,
        mergeableState: pull.mergeable_state ?? "unknown",
        requestedReviewers: (pull.requested_reviewers ?? []).map((reviewer) => reviewer.login),
      };
    });
  }

  listCheckRuns(sha: string): Promise<CheckRunFact[]> {
    return this.call(`read the check runs of ${sha.slice(0, 7)}`, async () => {
      const { data } = await this.octokit.rest.checks.listForRef({
        ...this.repo,
        ref: sha,
        filter: "latest",
        per_page: 100,
      });
      return parsePayload(schema.checkRunsSchema, data, "GET /commits/{sha}/check-runs").check_runs.map(mapCheckRun);
    });
  }

  listCommitStatuses(sha: string): Promise<CommitStatusFact[]> {
    return this.call(`read the statuses of ${sha.slice(0, 7)}`, async () => {
      const { data } = await this.octokit.rest.repos.getCombinedStatusForRef({ ...this.repo, ref: sha, per_page: 100 });
      return parsePayload(schema.combinedStatusesSchema, data, "GET /commits/{sha}/status").statuses.map((status) => ({
        context: status.context,
        state: oneOf(status.state, ["success", "failure", "error", "pending"] as const, "pending"),
        description: status.description ?? "",
        targetUrl: status.target_url ?? "",
      }));
    });
  }

  readJobLog(jobId: number): Promise<JobLog> {
    return this.call(`read the log of job ${jobId}`, async () => {
      try {
        // GitHub answers with a redirect to a short-lived URL, which fetch follows.
        const { data } = await this.octokit.rest.actions.downloadJobLogsForWorkflowRun({ ...this.repo, job_id: jobId });
        return { kind: "log", text: typeof data === "string" ? data : new TextDecoder().decode(data as ArrayBuffer) };
      } catch (error) {
        const status = statusOf(error);
        if (status === 403 || status === 404 || status === 410) {
          const reason =
            status === 410
              ? "the job log has expired"
              : "the job log could not be read with this token (it needs `actions: read`)";
          return { kind: "unavailable", reason };
        }
        throw error;
      }
    });
  }

  listReviews(pullNumber: number): Promise<ReviewFact[]> {
    return this.call(`read the reviews of #${pullNumber}`, async () => {
      const { data } = await this.octokit.rest.pulls.listReviews({
        ...this.repo,
        pull_number: pullNumber,
        per_page: 100,
      });
      return parsePayload(schema.reviewsSchema, data, "GET /pulls/{number}/reviews").map((review) => ({
        id: review.id,
        author: review.user?.login ?? "ghost",
        state: oneOf(
          review.state,
          ["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"] as const,
          "COMMENTED",
        ),
        commitId: review.commit_id ?? "",
        submittedAt: new Date(review.submitted_at ?? 0),
        body: review.body ?? "",
      }));
    });
  }

  listReviewComments(pullNumber: number, since?: Date): Promise<ReviewCommentFact[]> {
    return this.call(`read the review comments of #${pullNumber}`, async () => {
      const { data } = await this.octokit.rest.pulls.listReviewComments({
        ...this.repo,
        pull_number: pullNumber,
        per_page: 100,
        ...(since ? { since: since.toISOString() } : {}),
      });
      return parsePayload(schema.reviewCommentsSchema, data, "GET /pulls/{number}/comments").map((comment) => ({
        id: comment.id,
        author: comment.user?.login ?? "ghost",
        path: comment.path,
        line: comment.line ?? comment.original_line ?? null,
        diffHunk: comment.diff_hunk ?? "",
        body: comment.body,
        createdAt: new Date(comment.created_at),
        url: comment.html_url,
      }));
    });
  }

  listConversationComments(pullNumber: number, since?: Date): Promise<ConversationCommentFact[]> {
    return this.call(`read the comments of #${pullNumber}`, async () => {
      const { data } = await this.octokit.rest.issues.listComments({
        ...this.repo,
        issue_number: pullNumber,
        per_page: 100,
        ...(since ? { since: since.toISOString() } : {}),
      });
      return parsePayload(schema.issueCommentsSchema, data, "GET /issues/{number}/comments").map((comment) => ({
        id: comment.id,
        author: comment.user?.login ?? "ghost",
        body: comment.body ?? "",
        createdAt: new Date(comment.created_at),
        url: comment.html_url,
      }));
    });
  }

  getPermission(login: string): Promise<PermissionLevel> {
    let known = this.permissions.get(login);
    if (!known) {
      known = this.call(`read ${login}'s permission`, async () => {
        try {
          const { data } = await this.octokit.rest.repos.getCollaboratorPermissionLevel({
            ...this.repo,
            username: login,
          });
          const level = parsePayload(schema.permissionSchema, data, "GET /collaborators/{login}/permission");
          return oneOf(
            level.role_name ?? level.permission,
            ["admin", "maintain", "write", "triage", "read", "none"] as const,
            "none",
          );
        } catch (error) {
          // Not a collaborator (or a bot): no say over the loop.
          if (statusOf(error) === 404) return "none" as const;
          throw error;
        }
      });
      this.permissions.set(login, known);
    }
    return known;
  }

  getBranchProtection(branch: string): Promise<ProtectionFact | "none" | "unreadable"> {
    return this.call(`read the protection of ${branch}`, async () => {
      // The branch itself says whether it is protected, answers anyone and is cached (304s while
      // the base does not move); the protection endpoint answers an unprotected branch with a 404,
      // which no cache keeps, so every poll of `status` would pay for it.
      try {
        const summary = await this.octokit.rest.repos.getBranch({ ...this.repo, branch });
        if (parsePayload(schema.branchSummarySchema, summary.data, "GET /branches/{branch}").protected === false)
          return "none" as const;
        const { data } = await this.octokit.rest.repos.getBranchProtection({ ...this.repo, branch });
        const rules = parsePayload(schema.protectionSchema, data, "GET /branches/{branch}/protection");
        const checks = rules.required_status_checks;
        return {
          requiredChecks: [
            ...new Set([...(checks?.contexts ?? []), ...(checks?.checks ?? []).map((check) => check.context)]),
          ],
          strict: checks?.strict ?? false,
          requiredApprovals: rules.required_pull_request_reviews?.required_approving_review_count ?? 0,
        };
      } catch (error) {
        const status = statusOf(error);
        if (status === 404 && /not protected/i.test(messageOf(error))) return "none" as const;
        // Reading protection needs admin rights: without them the configured fallback applies.
        if (status === 403 || status === 404) return "unreadable" as const;
        throw error;
      }
    });
  }

  getMergeSettings(): Promise<MergeSettingsFact> {
    this.mergeSettings ??= this.call("read the repository's merge settings", async () => {
      const { data } = await this.octokit.rest.repos.get(this.repo);
      const settings = parsePayload(schema.mergeSettingsSchema, data, "GET /repos/{owner}/{repo}");
      return {
        allowMergeCommit: settings.allow_merge_commit ?? true,
        allowSquashMerge: settings.allow_squash_merge ?? true,
        allowRebaseMerge: settings.allow_rebase_merge ?? true,
        deleteBranchOnMerge: settings.delete_branch_on_merge ?? false,
      };
    });
    return this.mergeSettings;
  }

  findLabelAdder(issueNumber: number, label: string): Promise<string | undefined> {
    return this.call(`read the events of #${issueNumber}`, async () => {
      const data = await this.octokit.paginate(this.octokit.rest.issues.listEvents, {
        ...this.repo,
        issue_number: issueNumber,
        per_page: 100,
      });
      const events = parsePayload(schema.issueEventsSchema, data, "GET /issues/{number}/events");
      const added = events.filter((event) => event.event === "labeled" && event.label?.name === label).at(-1);
      return added?.actor?.login;
    });
  }

  requestReviewers(pullNumber: number, logins: string[]): Promise<void> {
    return this.call(`ask ${logins.join(", ")} to review #${pullNumber} again`, async () => {
      await this.octokit.rest.pulls.requestReviewers({ ...this.repo, pull_number: pullNumber, reviewers: logins });
    });
  }

  mergePullRequest(pullNumber: number, options: { method: MergeMethod; sha: string }): Promise<{ sha: string }> {
    return this.call(`merge #${pullNumber}`, async () => {
      try {
        const { data } = await this.octokit.rest.pulls.merge({
          ...this.repo,
          pull_number: pullNumber,
          merge_method: options.method,
          sha: options.sha,
        });
        return { sha: parsePayload(schema.mergeResultSchema, data, "PUT /pulls/{number}/merge").sha };
      } catch (error) {
        const status = statusOf(error);
        // 405: protection or conflicts say no; 409: the head moved since it was assessed.
        if (status === 405 || status === 409) {
          throw new NotMergeableError(messageOf(error), {
            status,
            hint: "the next poll assesses the pull request again",
          });
        }
        throw error;
      }
    });
  }

  deleteBranch(branch: string): Promise<"deleted" | "absent"> {
    return this.call(`delete the branch ${branch}`, async () => {
      try {
        await this.octokit.rest.git.deleteRef({ ...this.repo, ref: `heads/${branch}` });
        return "deleted" as const;
      } catch (error) {
        if (statusOf(error) === 404 || statusOf(error) === 422) return "absent" as const;
        throw error;
      }
    });
  }

  private get octokit() {
    return this.ctx.octokit;
  }

  private get repo() {
    return { owner: this.ctx.owner, repo: this.ctx.repo };
  }

  private async call<T>(what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw translateError(error, what);
    }
  }
}

function mapOpenPull(pull: z.infer<typeof schema.pullListItemSchema>): OpenPullRequest {
  return {
    number: pull.number,
    url: pull.html_url,
    title: pull.title,
    headBranch: pull.head.ref,
    headSha: pull.head.sha,
    baseBranch: pull.base.ref,
    labels: pull.labels.map((label) => label.name),
    draft: pull.draft ?? false,
    author: pull.user?.login ?? "",
    updatedAt: new Date(pull.updated_at),
  };
}

function mapCheckRun(run: z.infer<typeof schema.checkRunsSchema>["check_runs"][number]): CheckRunFact {
  const app = run.app?.slug;
  const detailsUrl = run.details_url ?? run.html_url ?? "";
  const jobInUrl = /\/job\/(\d+)/.exec(detailsUrl)?.[1];
  return {
    id: run.id,
    name: run.name,
    status: oneOf(
      run.status,
      ["queued", "in_progress", "completed", "waiting", "requested", "pending"] as const,
      "queued",
    ),
    conclusion: run.conclusion
      ? oneOf(
          run.conclusion,
          ["success", "failure", "neutral", "cancelled", "skipped", "timed_out", "action_required", "stale"] as const,
          "failure",
        )
      : null,
    app,
    output: { title: run.output?.title ?? "", summary: run.output?.summary ?? "", text: run.output?.text ?? "" },
    detailsUrl,
    // An Actions check run is its job: same id (the details URL says so where it is given).
    actionsJobId: jobInUrl ? Number(jobInUrl) : app === "github-actions" ? run.id : undefined,
  };
}

function oneOf<const T extends string>(value: string, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function messageOf(error: unknown): string {
  const data = (error as { response?: { data?: { message?: unknown } } }).response?.data;
  return typeof data?.message === "string" ? data.message : error instanceof Error ? error.message : String(error);
}
