import type { ReviewFact } from "./facts.js";
import type { ChecksState } from "./summarise-checks.js";

/** The coarse review state `status` has always shown (`review` in its JSON). */
export type ReviewState = "approved" | "changes-requested" | "commented" | "none";
/** The coarse check state `status` has always shown (`checks` in its JSON). */
export type CheckState = "success" | "failure" | "pending" | "error" | "none";

/** Each reviewer's latest review state, as on github.com: a comment does not undo a verdict. */
export function latestReviewStates(reviews: readonly Pick<ReviewFact, "author" | "state">[]): Map<string, string> {
  const latest = new Map<string, string>();
  for (const review of reviews) {
    if (review.state === "PENDING") continue;
    if (review.state === "COMMENTED" && latest.has(review.author)) continue;
    latest.set(review.author, review.state);
  }
  return latest;
}

/** The latest review per reviewer decides. */
export function reviewStateOf(reviews: readonly Pick<ReviewFact, "author" | "state">[]): ReviewState {
  const states = [...latestReviewStates(reviews).values()];
  if (states.includes("CHANGES_REQUESTED")) return "changes-requested";
  if (states.includes("APPROVED")) return "approved";
  if (states.includes("COMMENTED")) return "commented";
  return "none";
}

export function checkStateOf(state: ChecksState): CheckState {
  switch (state) {
    case "none":
      return "none";
    case "pending":
      return "pending";
    case "passed":
      return "success";
    case "failed":
      return "failure";
  }
}
