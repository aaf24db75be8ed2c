import { ApiError } from "./errors.js";
import { reportedChecks, requiredCheckState } from "./commit-checks.js";
import type { IssueRecord, PullRecord, RepoState, ReviewRecord } from "./state.js";

// What branch protection still asks of a pull request before it may land, worded as GitHub's
// 405 answers to a merge. Shared by the merge itself and by `mergeable_state`.

export const PROTECTED_BRANCHES_DOCS_URL = "https://docs.github.com/articles/about-protected-branches";

export interface UnmetRequirements {
  reviews: string | null;
  checks: string | null;
  /** Protection requires up-to-date branches and the base has commits the head lacks. */
  behind: boolean;
  /** Non-required checks that are pending or failing: "unstable", never blocking. */
  otherChecksUnsettled: boolean;
}

/** Each reviewer's latest decision; comments and pending reviews decide nothing. */
export function latestDecisions(reviews: ReviewRecord[]): Map<string, ReviewRecord> {
  const latest = new Map<string, ReviewRecord>();
  for (const review of reviews) {
    if (review.state === "COMMENTED" || review.state === "PENDING") continue;
    latest.set(review.author.toLowerCase(), review);
  }
  return latest;
}

function reviewsMessage(repo: RepoState, pull: PullRecord, required: number): string | null {
  const decisions = [...latestDecisions(pull.reviews).values()].filter((review) => repo.canPush(review.author));
  const approvals = decisions.filter((review) => review.state === "APPROVED").length;
  if (approvals < required) {
    return `At least ${required} approving review${required === 1 ? " is" : "s are"} required by reviewers with write access.`;
  }
  if (decisions.some((review) => review.state === "CHANGES_REQUESTED")) {
    return "Changes have been requested by reviewers with write access.";
  }
  return null;
}

export async function unmetRequirements(
  repo: RepoState,
  issue: IssueRecord & { pull: PullRecord },
  shas: { head: string; base: string },
): Promise<UnmetRequirements> {
  const protection = repo.protections.get(issue.pull.baseRef);
  const reported = reportedChecks(repo, shas.head);
  const required = protection?.requiredStatusChecks?.checks ?? [];
  const unmet = required.flatMap((check) => {
    const state = requiredCheckState(reported, check);
    return state === "success" ? [] : [{ context: check.context, state }];
  });
  let checks: string | null = null;
  const [only] = unmet;
  if (only && unmet.length === 1) {
    checks = `Required status check "${only.context}" is ${only.state === "failure" ? "failing" : "expected"}.`;
  } else if (unmet.length > 1) {
    checks = `${unmet.length} of ${required.length} required status checks are expected.`;
  }
  const requiredNames = new Set(required.map((check) => check.context));
  const strict = protection?.requiredStatusChecks?.strict ?? false;
  return {
    reviews: protection?.requiredReviews ? reviewsMessage(repo, issue.pull, protection.requiredReviews.count) : null,
    checks,
    behind: strict && !(await repo.gitAnswers.isAncestor(shas.base, shas.head)),
    otherChecksUnsettled: reported.some((r) => !requiredNames.has(r.context) && r.state !== "success"),
  };
}

/** The merge gate: admins pass unless the protection is enforced for them too, as on GitHub. */
export async function assertRequirementsMet(
  repo: RepoState,
  issue: IssueRecord & { pull: PullRecord },
  shas: { head: string; base: string },
  merger: string,
): Promise<void> {
  const protection = repo.protections.get(issue.pull.baseRef);
  if (!protection) return;
  if (repo.permissionOf(merger) === "admin" && !protection.enforceAdmins) return;
  const unmet = await unmetRequirements(repo, issue, shas);
  const message =
    unmet.reviews ?? unmet.checks ?? (unmet.behind ? "Head branch is not up to date with the base branch." : null);
  if (message) throw new ApiError(405, message, undefined, PROTECTED_BRANCHES_DOCS_URL);
}
