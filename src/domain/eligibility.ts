import type { Issue } from "./issue.js";
import { LABEL, isAgentLabel } from "./labels.js";

export type IneligibleReason =
  "closed" | "pull-request" | "not-queued" | "in-review" | "human-only" | "claimed" | "assigned-to-someone-else";

/**
 * design §2: open, not a pull request, `route:ready` or `route:unblocker`, none of
 * `route:review`, `route:human-only` or an agent label, and unassigned or assigned only to `viewer`.
 * Returns why not, so `status` can explain; `null` means eligible.
 */
export function ineligibilityOf(issue: Issue, viewer: string | undefined): IneligibleReason | null {
  if (issue.state !== "open") return "closed";
  if (issue.isPullRequest) return "pull-request";
  if (!issue.labels.includes(LABEL.ready) && !issue.labels.includes(LABEL.unblocker)) return "not-queued";
  if (issue.labels.includes(LABEL.review)) return "in-review";
  if (issue.labels.includes(LABEL.humanOnly)) return "human-only";
  if (issue.labels.some(isAgentLabel)) return "claimed";
  if (issue.assignees.some((login) => login !== viewer)) return "assigned-to-someone-else";
  return null;
}

export function isEligible(issue: Issue, viewer: string | undefined): boolean {
  return ineligibilityOf(issue, viewer) === null;
}

/** Whether eligibility depends on who the viewer is, i.e. the issue has assignees at all. */
export function needsViewerToJudge(issue: Issue): boolean {
  return issue.assignees.length > 0;
}

/** Why an issue is not eligible, in words that finish "… cannot be claimed: ". */
export const INELIGIBLE_WORDS: Record<IneligibleReason, string> = {
  closed: "it is closed",
  "pull-request": "it is a pull request",
  "not-queued": "it is not labelled route:ready or route:unblocker",
  "in-review": "it is in review (route:review)",
  "human-only": "it is labelled route:human-only",
  claimed: "another agent has claimed it",
  "assigned-to-someone-else": "it is assigned to someone else",
};
