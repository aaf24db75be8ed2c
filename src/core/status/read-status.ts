import { labelConflictsOf } from "../../domain/label-conflicts.js";
import { PRIORITY_NAMES, type Priority } from "../../domain/priority.js";
import type { GitWorkspace, IssueTracker } from "../ports.js";
import type { ReviewPolicy } from "../review/assess-review.js";
import type { ReviewTracker } from "../review-ports.js";
import type { TrustRefusals, WorkItemLog } from "../store-port.js";
import { toTaskView } from "../peek.js";
import { describeWait } from "../../domain/dependencies.js";
import { readQueue } from "../read-queue.js";
import { readAgentState } from "./read-agent-state.js";
import { readClaims } from "./read-claims.js";
import type { LoopStateView } from "./read-loop-state.js";
import { readReviews } from "./read-reviews.js";
import type { Problem, StatusReport } from "./status-report.js";

export interface ReadStatusOptions {
  tracker: IssueTracker;
  /** Pull requests in review, each assessed as the loop would (`[review]` policy below). */
  review: ReviewTracker;
  policy: ReviewPolicy;
  /** The local store, when there is one: rework rounds and our last pushes. */
  store: (Pick<WorkItemLog, "attemptsFor"> & Partial<Pick<TrustRefusals, "trustRefusals">>) | undefined;
  git: GitWorkspace | undefined;
  agentId: string;
  baseBranch: string | undefined;
  /** `[autonomous] lease_minutes`: a claim whose heartbeat is older is stale. */
  leaseMinutes: number;
  now: () => Date;
  /** How many queue entries to list. */
  queuePreview?: number;
  /** The autonomous loop's state, read by the caller from the local store (null: none ran here). */
  autonomous?: LoopStateView | null;
}

/** Everything `status` shows, read from GitHub and the local checkout. Writes nothing. */
export async function readStatus(options: ReadStatusOptions): Promise<StatusReport> {
  const { tracker } = options;
  const [viewer, repository, rateLimit, queue, claims, { reviews, problems: reviewProblems }] = await Promise.all([
    tracker.getViewer(),
    tracker.getRepository(),
    tracker.getRateLimit(),
    readQueue(tracker, { want: options.queuePreview ?? 5, countAllLevels: true }),
    readClaims(tracker, { leaseMinutes: options.leaseMinutes, now: options.now() }),
    readReviews({
      review: options.review,
      viewer: tracker.getViewer().then((viewer) => viewer.login),
      store: options.store,
      git: options.git,
      policy: options.policy,
    }),
  ]);
  const baseBranch = options.baseBranch ?? repository.defaultBranch;
  const agent = await readAgentState({
    ...options,
    baseBranch,
    claimed: [...claims.issues.values()],
    claims: claims.claims,
    reviews,
  });

  const problems: Problem[] = [...claims.problems, ...reviewProblems];
  const checked = new Set<number>();
  for (const issue of [...queue.seen, ...claims.issues.values()]) {
    if (checked.has(issue.number) || issue.isPullRequest) continue;
    checked.add(issue.number);
    for (const message of labelConflictsOf(issue)) {
      problems.push({ kind: "label-conflict", issue: issue.number, message: `#${issue.number} is ${message}` });
    }
  }

  // Refusals the loop here recorded, for issues still queued: local, no request.
  const queued = new Set(queue.seen.map((issue) => issue.number));
  for (const refusal of options.store?.trustRefusals?.() ?? []) {
    if (!queued.has(refusal.issueNumber)) continue;
    problems.push({
      kind: "untrusted-issue",
      issue: refusal.issueNumber,
      message: `#${refusal.issueNumber} is not worked unattended: ${refusal.reason}`,
      hint: "someone with write access should read it and put its route: label on again",
    });
  }

  // Highest level first, so people read the counts in queue order.
  const levels: Priority[] = [5, 4, 3, 2, 1, 0];
  const byPriority = Object.fromEntries(levels.map((level) => [PRIORITY_NAMES[level], queue.byPriority[level]]));
  return {
    repository: {
      fullName: repository.fullName,
      url: repository.url,
      defaultBranch: repository.defaultBranch,
      baseBranch,
    },
    user: viewer.login,
    rateLimit: { limit: rateLimit.limit, remaining: rateLimit.remaining, resetAt: rateLimit.resetAt.toISOString() },
    agent,
    claims: claims.claims,
    queue: {
      total: queue.complete ? queue.tasks.length : null,
      byPriority,
      next: queue.tasks.slice(0, options.queuePreview ?? 5).map(toTaskView),
      waiting: queue.waiting.map(({ issue, blockers }) => ({
        number: issue.number,
        title: issue.title,
        waitsFor: describeWait(blockers),
      })),
    },
    reviews,
    autonomous: options.autonomous ?? null,
    problems: problems.sort((a, b) => a.issue - b.issue),
  };
}
