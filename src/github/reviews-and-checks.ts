import { z } from "zod";
import type { CheckState, ReviewState } from "../core/ports.js";
import { parsePayload } from "./parse-payload.js";
import type { RepoContext } from "./repo-context.js";
import { combinedStatusSchema, reviewSchema } from "./schemas.js";

export async function getReviewState(ctx: RepoContext, pullNumber: number): Promise<ReviewState> {
  const { data } = await ctx.octokit.rest.pulls.listReviews({
    owner: ctx.owner,
    repo: ctx.repo,
    pull_number: pullNumber,
    per_page: 100,
  });
  return summariseReviews(parsePayload(z.array(reviewSchema), data, "GET /pulls/{number}/reviews"));
}

/** The combined status of a commit; "none" when no check reported on it. */
export async function getCheckState(ctx: RepoContext, ref: string): Promise<CheckState> {
  const { data } = await ctx.octokit.rest.repos.getCombinedStatusForRef({ owner: ctx.owner, repo: ctx.repo, ref });
  const status = parsePayload(combinedStatusSchema, data, "GET /commits/{ref}/status");
  if (status.total_count === 0) return "none";
  return (["success", "failure", "pending", "error"] as const).find((s) => s === status.state) ?? "pending";
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
