import type { ConversationCommentFact, ReviewCommentFact, ReviewFact } from "../domain/review/facts.js";
import { parsePayload } from "./parse-payload.js";
import type { RepoContext } from "./repo-context.js";
import { oneOf, repoOf } from "./review-fields.js";
import * as schema from "./review-schemas.js";

/** What people said on a pull request: reviews, line and conversation comments, who added a label (design §11). */

export async function listReviews(ctx: RepoContext, pullNumber: number): Promise<ReviewFact[]> {
  const { data } = await ctx.octokit.rest.pulls.listReviews({
    ...repoOf(ctx),
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
}

export async function listReviewComments(
  ctx: RepoContext,
  pullNumber: number,
  since?: Date,
): Promise<ReviewCommentFact[]> {
  const { data } = await ctx.octokit.rest.pulls.listReviewComments({
    ...repoOf(ctx),
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
}

export async function listConversationComments(
  ctx: RepoContext,
  pullNumber: number,
  since?: Date,
): Promise<ConversationCommentFact[]> {
  const { data } = await ctx.octokit.rest.issues.listComments({
    ...repoOf(ctx),
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
}

export async function findLabelAdder(
  ctx: RepoContext,
  issueNumber: number,
  label: string,
): Promise<string | undefined> {
  const data = await ctx.octokit.paginate(ctx.octokit.rest.issues.listEvents, {
    ...repoOf(ctx),
    issue_number: issueNumber,
    per_page: 100,
  });
  const events = parsePayload(schema.issueEventsSchema, data, "GET /issues/{number}/events");
  const added = events.filter((event) => event.event === "labeled" && event.label?.name === label).at(-1);
  return added?.actor?.login;
}
