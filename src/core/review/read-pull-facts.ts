import type { AssessInput } from "../../domain/review/assess-pull-request.js";
import { jobLogsToRead, type JobLogResult } from "../../domain/review/build-failing-check.js";
import { feedbackAuthors } from "../../domain/review/collect-feedback.js";
import type { PermissionLevel, ProtectionFact, ReviewedPullFact } from "../../domain/review/facts.js";
import { summariseChecks } from "../../domain/review/summarise-checks.js";
import { LABEL } from "../../domain/labels.js";
import type { OpenPullRequest, ReviewTracker } from "../review-ports.js";

/** Everything `assessPullRequest` weighs about one pull request, as read from GitHub. */
export type PullFacts = Pick<AssessInput, "pull" | "checks" | "feedback" | "protection" | "readyToMergeBy"> & {
  /** Permissions of everyone whose review, comment or label counts, read up front (the rules are pure). */
  permissions: ReadonlyMap<string, PermissionLevel>;
  state: "open" | "closed";
  merged: boolean;
};

export interface ReadPullFactsOptions {
  issueNumber: number;
  /** Our own login: our comments are never feedback to ourselves. */
  viewer: string;
  /** The loop's last push to the branch; comments since then are new. */
  since: Date;
  /** Branch protection by base branch, shared across pull requests and polls. */
  protectionCache?: Map<string, Promise<ProtectionFact | "none" | "unreadable">>;
  /**
   * Read the logs of failing Actions jobs (default true): the agent needs them, a report does
   * not — without them a failing check is described by its own output.
   */
  jobLogs?: boolean;
  /**
   * Assess as of this head rather than the current one (its checks; reviews given on it count as
   * current): where a rework round started, when someone pushed to the branch since.
   */
  at?: string;
}

/**
 * Read one pull request's review facts: its mergeability, the checks and statuses on its head
 * (and the logs of failing Actions jobs), reviews, comments since the last push, the base
 * branch's protection, who added `route:ready_to_merge`, and the permission of each person
 * involved. Independent reads go out together; every GET goes through the ETag cache.
 */
export async function readPullFacts(
  review: ReviewTracker,
  pull: Pick<OpenPullRequest, "number">,
  options: ReadPullFactsOptions,
): Promise<PullFacts> {
  const detail = await review.getPullRequestDetail(pull.number);
  const protectionOf = (branch: string) => {
    const cache = options.protectionCache;
    if (!cache) return review.getBranchProtection(branch);
    let known = cache.get(branch);
    if (!known) cache.set(branch, (known = review.getBranchProtection(branch)));
    return known;
  };
  const head = options.at ?? detail.headSha;
  const ready = detail.labels.includes(LABEL.readyToMerge);
  const [runs, statuses, reviews, lineComments, conversation, protection, readyToMergeBy] = await Promise.all([
    review.listCheckRuns(head),
    review.listCommitStatuses(head),
    review.listReviews(pull.number),
    review.listReviewComments(pull.number, options.since),
    review.listConversationComments(pull.number, options.since),
    protectionOf(detail.baseBranch),
    ready ? review.findLabelAdder(pull.number, LABEL.readyToMerge) : Promise.resolve(undefined),
  ]);
  const failing = summariseChecks(runs, statuses).failing;
  const jobIds = options.jobLogs === false ? [] : jobLogsToRead(failing);
  const logs = await Promise.all(jobIds.map((id) => review.readJobLog(id)));
  const jobLogs = new Map<number, JobLogResult>(jobIds.map((id, index) => [id, logs[index] as JobLogResult]));
  const authors = new Set(
    feedbackAuthors(reviews, lineComments, conversation, { since: options.since, viewer: options.viewer }),
  );
  if (readyToMergeBy) authors.add(readyToMergeBy);
  const logins = [...authors];
  const levels = await Promise.all(logins.map((login) => review.getPermission(login)));
  const permissions = new Map(logins.map((login, index) => [login, levels[index] ?? ("none" as const)]));
  const fact: ReviewedPullFact = {
    number: detail.number,
    url: detail.url,
    title: detail.title,
    issueNumber: options.issueNumber,
    headBranch: detail.headBranch,
    headSha: head,
    baseBranch: detail.baseBranch,
    labels: detail.labels,
    draft: detail.draft,
    mergeable: detail.mergeable,
    mergeableState: detail.mergeableState,
    requestedReviewers: detail.requestedReviewers,
    updatedAt: detail.updatedAt,
  };
  return {
    pull: fact,
    state: detail.state,
    merged: detail.merged,
    checks: { runs, statuses, jobLogs },
    feedback: { reviews, lineComments, conversation, since: options.since, viewer: options.viewer },
    protection,
    readyToMergeBy,
    permissions,
  };
}
