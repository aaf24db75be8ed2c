import { ApiError, notFound } from "../errors.js";
import { requirePull, syncPull } from "../pull-ops.js";
import { renderPull } from "../render-pull.js";
import { renderReview } from "../render-review.js";
import { removeReviewRequests, requestReviewers, submitReview } from "../review-ops.js";
import type { ReviewState } from "../types-reviews.js";
import { asObject, numberParam, optionalString, optionalStringArray, type Body } from "./body.js";
import { json, listReply, repoRoute, type RepoContext, type RouteDef } from "./context.js";

// Reviews and review requests. A PENDING review (no `event`) is visible to its author only.

const EVENTS: Record<string, ReviewState> = {
  APPROVE: "APPROVED",
  REQUEST_CHANGES: "CHANGES_REQUESTED",
  COMMENT: "COMMENTED",
};

function reviewComments(body: Body): Array<{ path: string; line: number; side?: "LEFT" | "RIGHT"; body: string }> {
  const raw = body["comments"];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw))
    throw new ApiError(422, "Invalid request.\n\nFor 'properties/comments', it is not an array.");
  return raw.map((item: unknown) => {
    const c = asObject(item);
    const path = c["path"];
    const line = c["line"];
    const text = c["body"];
    const side = c["side"];
    if (typeof path !== "string" || typeof line !== "number" || typeof text !== "string") {
      throw new ApiError(422, "Unprocessable Entity", ["Pull request review thread line must be part of the diff"]);
    }
    return { path, line, body: text, ...(side === "LEFT" || side === "RIGHT" ? { side } : {}) };
  });
}

async function pullJson(ctx: RepoContext, number: number): Promise<Record<string, unknown>> {
  const issue = requirePull(ctx.repo, number);
  return renderPull(ctx.repo, issue, await syncPull(ctx.repo, issue));
}

export const reviewRoutes: RouteDef[] = [
  // Reading follows pushes first: a push may have dismissed stale approvals.
  repoRoute("GET", "/pulls/:number/reviews", async (ctx) => {
    const issue = requirePull(ctx.repo, numberParam(ctx.params));
    await syncPull(ctx.repo, issue);
    const me = ctx.login.toLowerCase();
    const visible = issue.pull.reviews.filter((r) => r.state !== "PENDING" || r.author.toLowerCase() === me);
    return listReply(ctx, visible, (review) => renderReview(ctx.repo, issue, review));
  }),

  repoRoute("GET", "/pulls/:number/reviews/:id", async (ctx) => {
    const issue = requirePull(ctx.repo, numberParam(ctx.params));
    await syncPull(ctx.repo, issue);
    const review = issue.pull.reviews.find((r) => r.id === numberParam(ctx.params, "id"));
    if (!review || (review.state === "PENDING" && review.author.toLowerCase() !== ctx.login.toLowerCase())) {
      throw notFound();
    }
    return json(200, renderReview(ctx.repo, issue, review));
  }),

  repoRoute("POST", "/pulls/:number/reviews", async (ctx) => {
    const issue = requirePull(ctx.repo, numberParam(ctx.params));
    const body = asObject(ctx.body);
    const event = optionalString(body, "event");
    const state = event === undefined ? "PENDING" : EVENTS[event];
    if (!state) {
      throw new ApiError(
        422,
        `Invalid request.\n\nFor 'properties/event', ${JSON.stringify(event)} is not one of ["APPROVE", "REQUEST_CHANGES", "COMMENT"].`,
      );
    }
    const commitId = optionalString(body, "commit_id");
    const review = await submitReview(ctx.repo, issue, {
      author: ctx.login,
      state,
      body: optionalString(body, "body") ?? "",
      comments: reviewComments(body),
      ...(commitId === undefined ? {} : { commitId }),
    });
    return json(200, renderReview(ctx.repo, issue, review));
  }),

  repoRoute("GET", "/pulls/:number/requested_reviewers", (ctx) => {
    const issue = requirePull(ctx.repo, numberParam(ctx.params));
    return json(200, { users: issue.pull.requestedReviewers.map((l) => ctx.world.users.json(l)), teams: [] });
  }),

  repoRoute("POST", "/pulls/:number/requested_reviewers", async (ctx) => {
    const number = numberParam(ctx.params);
    const logins = optionalStringArray(asObject(ctx.body), "reviewers") ?? [];
    requestReviewers(ctx.repo, requirePull(ctx.repo, number), logins);
    return json(201, await pullJson(ctx, number));
  }),

  repoRoute("DELETE", "/pulls/:number/requested_reviewers", async (ctx) => {
    const number = numberParam(ctx.params);
    const logins = optionalStringArray(asObject(ctx.body), "reviewers") ?? [];
    removeReviewRequests(ctx.repo, requirePull(ctx.repo, number), logins);
    return json(200, await pullJson(ctx, number));
  }),
];
