import { assessPullRequest } from "../../domain/review/assess-pull-request.js";
import type { ReviewAssessment } from "../../domain/review/verdict.js";
import type { PullFacts } from "./read-pull-facts.js";

export interface ReviewPolicy {
  autoMerge: boolean;
  maxReworkRounds: number;
  /** Approvals needed when the protection cannot be read. */
  requiredApprovals: number;
}

/** The assessment of a pull request from its facts, the configured policy and the rounds spent. */
export function assessReview(facts: PullFacts, policy: ReviewPolicy, reworkRounds: number): ReviewAssessment {
  return assessPullRequest({
    pull: facts.pull,
    checks: facts.checks,
    feedback: facts.feedback,
    protection: facts.protection,
    readyToMergeBy: facts.readyToMergeBy,
    permissionOf: (login) => facts.permissions.get(login) ?? "none",
    fallbackRequiredApprovals: policy.requiredApprovals,
    autoMerge: policy.autoMerge,
    reworkRounds,
    maxReworkRounds: policy.maxReworkRounds,
  });
}
