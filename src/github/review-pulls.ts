import type { z } from "zod";
import type { MergeMethod, OpenPullRequest, PullRequestDetail, RecentPullRequest } from "../core/review-ports.js";
import { NotMergeableError } from "../errors/index.js";
import { parsePayload } from "./parse-payload.js";
import { statusOf, type RepoContext } from "./repo-context.js";
import { messageOf, repoOf } from "./review-fields.js";
import * as schema from "./review-schemas.js";

/** Our pull requests: listing, reading, merging, review requests, branch deletion (design §11). */

export async function listOpenPullRequests(
  ctx: RepoContext,
): Promise<{ pulls: OpenPullRequest[]; hasNextPage: boolean }> {
  const response = await ctx.octokit.rest.pulls.list({
    ...repoOf(ctx),
    state: "open",
    sort: "updated",
    direction: "desc",
    per_page: 100,
  });
  const pulls = parsePayload(schema.pullListItemSchema.array(), response.data, "GET /pulls").map(mapOpenPull);
  return { pulls, hasNextPage: /\brel="next"/.test(response.headers.link ?? "") };
}

export async function listRecentPullRequests(
  ctx: RepoContext,
): Promise<{ pulls: RecentPullRequest[]; hasNextPage: boolean }> {
  const response = await ctx.octokit.rest.pulls.list({
    ...repoOf(ctx),
    state: "all",
    sort: "updated",
    direction: "desc",
    per_page: 100,
  });
  const pulls = parsePayload(schema.recentPullSchema.array(), response.data, "GET /pulls?state=all").map(
    (pull): RecentPullRequest => ({
      ...mapOpenPull(pull),
      state: pull.state,
      merged: typeof pull.merged_at === "string",
      createdAt: new Date(pull.created_at),
      ...(pull.merged_at ? { mergedAt: new Date(pull.merged_at) } : {}),
      ...(pull.closed_at ? { closedAt: new Date(pull.closed_at) } : {}),
    }),
  );
  return { pulls, hasNextPage: /\brel="next"/.test(response.headers.link ?? "") };
}

export async function getPullRequestDetail(ctx: RepoContext, pullNumber: number): Promise<PullRequestDetail> {
  const { data } = await ctx.octokit.rest.pulls.get({ ...repoOf(ctx), pull_number: pullNumber });
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
}

export async function requestReviewers(ctx: RepoContext, pullNumber: number, logins: string[]): Promise<void> {
  await ctx.octokit.rest.pulls.requestReviewers({ ...repoOf(ctx), pull_number: pullNumber, reviewers: logins });
}

export async function mergePullRequest(
  ctx: RepoContext,
  pullNumber: number,
  options: { method: MergeMethod; sha: string },
): Promise<{ sha: string }> {
  try {
    const { data } = await ctx.octokit.rest.pulls.merge({
      ...repoOf(ctx),
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
}

export async function deleteBranch(ctx: RepoContext, branch: string): Promise<"deleted" | "absent"> {
  try {
    await ctx.octokit.rest.git.deleteRef({ ...repoOf(ctx), ref: `heads/${branch}` });
    return "deleted" as const;
  } catch (error) {
    if (statusOf(error) === 404 || statusOf(error) === 422) return "absent" as const;
    throw error;
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
