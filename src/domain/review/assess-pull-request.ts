import { buildFailingCheck, type JobLogResult } from "./build-failing-check.js";
import { collectFeedback, type Feedback } from "./collect-feedback.js";
import { summariseReason } from "./describe-rework-reasons.js";
import { canWrite } from "./facts.js";
import type {
  CheckRunFact,
  CommitStatusFact,
  ConversationCommentFact,
  PermissionLevel,
  ProtectionFact,
  ReviewCommentFact,
  ReviewFact,
  ReviewedPullFact,
} from "./facts.js";
import { summariseChecks, type CheckSummary } from "./summarise-checks.js";
import type { ReviewAssessment, ReviewStage, ReworkReason } from "./verdict.js";

export interface AssessInput {
  /** An open pull request: closed and merged ones are the caller's to handle, not assessed. */
  pull: ReviewedPullFact;
  checks: {
    runs: readonly CheckRunFact[];
    statuses: readonly CommitStatusFact[];
    /** Logs of the failing runs' Actions jobs, by job id (`jobLogsToRead` says which to read). */
    jobLogs: ReadonlyMap<number, JobLogResult>;
  };
  feedback: {
    reviews: readonly ReviewFact[];
    lineComments: readonly ReviewCommentFact[];
    conversation: readonly ConversationCommentFact[];
    /** The loop's last push to the branch. */
    since: Date;
    viewer: string;
  };
  permissionOf: (login: string) => PermissionLevel;
  protection: ProtectionFact | "none" | "unreadable";
  /** `[review] required_approvals`: used when the protection is none or unreadable. Default 1. */
  fallbackRequiredApprovals?: number;
  autoMerge: boolean;
  /** Who added `route:ready_to_merge` (to the pull request or its issue), while it is there. */
  readyToMergeBy: string | undefined;
  /** Rework rounds already spent on this pull request. */
  reworkRounds: number;
  maxReworkRounds: number;
}

/**
 * Where one of our open pull requests stands (design §11), and what the loop should do about
 * it. Running CI is always waited for, so every reason is reworked together in one round once
 * it is done; with no reason left, the pull request lands only when GitHub's own conditions and
 * a person's consent (auto_merge or `route:ready_to_merge` by a writer) all hold.
 */
export function assessPullRequest(input: AssessInput): ReviewAssessment {
  const { pull, protection } = input;
  const rules = typeof protection === "object" ? protection : undefined;
  const requiredApprovals = rules?.requiredApprovals ?? input.fallbackRequiredApprovals ?? 1;
  const checks = summariseChecks(input.checks.runs, input.checks.statuses, rules?.requiredChecks);
  const feedback = collectFeedback(input.feedback.reviews, input.feedback.lineComments, input.feedback.conversation, {
    headSha: pull.headSha,
    since: input.feedback.since,
    viewer: input.feedback.viewer,
    permissionOf: input.permissionOf,
  });
  const reasons = reasonsOf(input, checks, feedback);
  const blockers = [
    ...(pull.draft ? ["the pull request is a draft"] : []),
    ...(checks.pending.length > 0 ? [`checks still running: ${checks.pending.join(", ")}`] : []),
    ...reasons.map(summariseReason),
    ...landingBlockers(input, checks, feedback, requiredApprovals),
  ];
  const approved =
    feedback.approvals.length > 0 &&
    feedback.approvals.length >= requiredApprovals &&
    feedback.changesRequestedEarlier.length === 0;

  const stage = stageOf({ input, checks, reasons, blockers, approved });
  // A draft or running CI holds the reasons back: they are in the blockers, not yet to act on.
  const held = stage === "waiting-for-ci" || stage === "waiting-for-review";
  return {
    stage,
    reasons: held ? [] : reasons,
    approvals: feedback.approvals,
    requiredApprovals,
    pendingChecks: checks.pending,
    awaitingApprovalChecks: checks.awaitingApproval,
    blockers,
    changesRequestedBy: feedback.changesRequestedBy,
  };
}

function stageOf(state: {
  input: AssessInput;
  checks: CheckSummary;
  reasons: ReworkReason[];
  blockers: string[];
  approved: boolean;
}): ReviewStage {
  const { input, checks, reasons } = state;
  if (input.pull.draft) return "waiting-for-review";
  if (checks.state === "pending") return "waiting-for-ci";
  const first = reasons[0];
  if (first !== undefined) return input.reworkRounds >= input.maxReworkRounds ? "rework-limit" : first.kind;
  if (state.blockers.length === 0) return "ready-to-land";
  if (checks.awaitingApproval.length > 0) return "waiting-for-approval-to-run";
  return state.approved ? "approved" : "waiting-for-review";
}

/** In the order they are reworked: a conflict first, since nothing else can be judged on a head that will change. */
function reasonsOf(input: AssessInput, checks: CheckSummary, feedback: Feedback): ReworkReason[] {
  const { pull, protection } = input;
  const reasons: ReworkReason[] = [];
  if (pull.mergeable === false || pull.mergeableState === "dirty")
    reasons.push({ kind: "conflict", baseBranch: pull.baseBranch, files: [] });
  if (checks.failing.length > 0)
    reasons.push({
      kind: "ci-failed",
      checks: checks.failing.map((entry) => {
        const jobId = entry.run?.actionsJobId;
        return buildFailingCheck(entry, jobId === undefined ? undefined : input.checks.jobLogs.get(jobId));
      }),
    });
  if (feedback.changesRequested.length + feedback.lineComments.length + feedback.conversation.length > 0)
    reasons.push({
      kind: "changes-requested",
      reviews: feedback.changesRequested,
      lineComments: feedback.lineComments,
      conversation: feedback.conversation,
    });
  // Rulesets can require an up-to-date branch too, and the protection API does not show them:
  // when we cannot see the rules, GitHub's own "behind" is the evidence.
  const mustBeUpToDate = typeof protection === "object" ? protection.strict : true;
  if (pull.mergeableState === "behind" && mustBeUpToDate)
    reasons.push({ kind: "behind-base", baseBranch: pull.baseBranch });
  return reasons;
}

function landingBlockers(
  input: AssessInput,
  checks: CheckSummary,
  feedback: Feedback,
  requiredApprovals: number,
): string[] {
  const blockers: string[] = [];
  if (feedback.approvals.length < requiredApprovals)
    blockers.push(
      `${feedback.approvals.length} of ${requiredApprovals} approval${requiredApprovals === 1 ? "" : "s"} on the current head`,
    );
  for (const login of feedback.changesRequestedEarlier)
    blockers.push(`@${login} asked for changes on an earlier commit and has not reviewed since`);
  if (input.pull.mergeable === null) blockers.push("mergeable not yet computed");

  // Pending and failing checks are blockers already; what is left is a check that never ran.
  if (typeof input.protection === "object") {
    for (const check of checks.required) {
      if (check.state === "missing") blockers.push(`required check \`${check.name}\` has not reported on this head`);
      if (check.state === "awaiting-approval")
        blockers.push(`required check \`${check.name}\` waits for a person's approval to run`);
    }
  } else {
    for (const name of checks.awaitingApproval) blockers.push(`check \`${name}\` waits for a person's approval to run`);
  }

  if (!input.autoMerge) {
    const adder = input.readyToMergeBy;
    if (adder === undefined) blockers.push("no auto_merge and no route:ready_to_merge by a person with write access");
    else if (!canWrite(input.permissionOf(adder)))
      blockers.push(`no auto_merge, and @${adder} who added route:ready_to_merge has no write access`);
  }
  return blockers;
}
