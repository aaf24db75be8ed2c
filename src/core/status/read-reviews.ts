import { summariseReason } from "../../domain/review/describe-rework-reasons.js";
import { checkStateOf, reviewStateOf } from "../../domain/review/review-state.js";
import { summariseChecks } from "../../domain/review/summarise-checks.js";
import type { ProtectionFact } from "../../domain/review/facts.js";
import { NotFoundError, PermissionError } from "../../errors/index.js";
import type { GitWorkspace } from "../ports.js";
import { assessReview, type ReviewPolicy } from "../review/assess-review.js";
import { findAgentPulls, type AgentPull } from "../review/find-own-pulls.js";
import { readPullFacts } from "../review/read-pull-facts.js";
import { lastPushOf, reworkInProgressOf, reworkRoundsOf } from "../review/review-history.js";
import type { ReviewTracker } from "../review-ports.js";
import type { WorkItemLog } from "../store-port.js";
import type { Problem, ReviewView } from "./status-report.js";

export interface ReadReviewsOptions {
  review: ReviewTracker;
  /** Our login: our own comments are never feedback (for another agent's pull request, its author's are not). */
  viewer: Promise<string>;
  /** The local store: rework rounds and our last push (none: 0 rounds, the head commit's time). */
  store: Pick<WorkItemLog, "attemptsFor"> | undefined;
  git: GitWorkspace | undefined;
  /** `[review]`: auto_merge, max_rework_rounds, required_approvals. */
  policy: ReviewPolicy;
}

/** Pull requests read at once: enough to overlap the round trips, few enough to stay polite. */
const PARALLEL_PULLS = 4;

/**
 * Every agent's open pull request in `route:review`, assessed exactly as the loop assesses its
 * own (`readPullFacts` + `assessReview`), and the problems they show.
 *
 * Requests: one list of open pull requests (the 100 most recently updated), then per pull
 * request six — its detail, check runs, commit statuses, reviews, line comments and
 * conversation comments since the last push — plus one for who added `route:ready_to_merge`
 * where it is on; one or two per base branch (whether it is protected, then its protection);
 * one per person whose review or comment counts (their permission). Job logs are not read.
 * Every one is a GET through the ETag cache, so a poll where nothing changed is all 304s.
 */
export async function readReviews(
  options: ReadReviewsOptions,
): Promise<{ reviews: ReviewView[]; problems: Problem[] }> {
  // Together, so a failure of either (a rejected token) is handled, never left unawaited.
  const [{ pulls }, viewer] = await Promise.all([findAgentPulls(options.review), options.viewer]);
  const protectionCache = new Map<string, Promise<ProtectionFact | "none" | "unreadable">>();
  const reviews: ReviewView[] = [];
  for (let start = 0; start < pulls.length; start += PARALLEL_PULLS) {
    const batch = pulls.slice(start, start + PARALLEL_PULLS);
    reviews.push(...(await Promise.all(batch.map((entry) => readOne(options, entry, viewer, protectionCache)))));
  }
  return { reviews, problems: reviews.flatMap(problemsOf) };
}

async function readOne(
  options: ReadReviewsOptions,
  entry: AgentPull,
  viewer: string,
  protectionCache: Map<string, Promise<ProtectionFact | "none" | "unreadable">>,
): Promise<ReviewView> {
  const { pull, issueNumber } = entry;
  const rounds = reworkRoundsOf(options.store, issueNumber);
  const base: ReviewView = {
    number: pull.number,
    title: pull.title,
    url: pull.url,
    branch: pull.headBranch,
    draft: pull.draft,
    review: "none",
    checks: "none",
    agent: entry.agentId,
    issue: issueNumber,
    baseBranch: pull.baseBranch,
    stage: "unreadable",
    reasons: [],
    approvals: [],
    requiredApprovals: options.policy.requiredApprovals,
    pendingChecks: [],
    awaitingApprovalChecks: [],
    blockers: [],
    changesRequestedBy: [],
    reworkRounds: rounds,
    maxReworkRounds: options.policy.maxReworkRounds,
    reworkInProgress: reworkInProgressOf(options.store, issueNumber) ?? null,
  };
  try {
    const since = await lastPushOf({ store: options.store, git: options.git }, { issueNumber, ...pull });
    const facts = await readPullFacts(options.review, pull, {
      issueNumber,
      // The loop that delivered it comments as the pull request's author: its round summaries are
      // not feedback, whichever user runs status.
      viewer: pull.author || viewer,
      since,
      protectionCache,
      jobLogs: false,
    });
    const assessment = assessReview(facts, options.policy, rounds);
    return {
      ...base,
      draft: facts.pull.draft,
      review: reviewStateOf(facts.feedback.reviews),
      checks: checkStateOf(summariseChecks(facts.checks.runs, facts.checks.statuses).state),
      stage: entry.handedToPeople ? "handed-to-people" : assessment.stage,
      reasons: assessment.reasons.map(summariseReason),
      approvals: assessment.approvals,
      requiredApprovals: assessment.requiredApprovals,
      // By name: GitHub lists check runs newest first, which would reorder them poll to poll.
      pendingChecks: [...assessment.pendingChecks].sort(),
      awaitingApprovalChecks: [...assessment.awaitingApprovalChecks].sort(),
      blockers: assessment.blockers,
      changesRequestedBy: assessment.changesRequestedBy,
    };
  } catch (error) {
    // A token that may list pull requests but not read their checks (a workflow's GITHUB_TOKEN
    // without `checks: read`): the rest of the report still stands, and the problem says why.
    if (error instanceof PermissionError || error instanceof NotFoundError)
      return { ...base, blockers: [error.message] };
    throw error;
  }
}

function problemsOf(review: ReviewView): Problem[] {
  const problems: Problem[] = [];
  if (review.stage === "unreadable")
    problems.push({
      kind: "review-unreadable",
      issue: review.number,
      message: `#${review.number} could not be assessed: ${review.blockers[0] ?? "GitHub refused a read"}`,
      hint: "the token needs read access to pull requests, checks, commit statuses and issues (in a workflow: `permissions: pull-requests: read, checks: read, statuses: read, issues: read`)",
    });
  if (review.awaitingApprovalChecks.length > 0)
    problems.push({
      kind: "ci-awaiting-approval",
      issue: review.number,
      message: `#${review.number} has CI waiting for a person's approval to run (${review.awaitingApprovalChecks.join(", ")}): approve the run on GitHub`,
      hint: "runs wait like this when the pushes come from a token GitHub does not let start CI on its own: give the loop a personal access token or a GitHub App token (pushes made with Actions' own GITHUB_TOKEN never trigger workflows)",
    });
  return problems;
}
