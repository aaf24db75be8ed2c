import { workBranchOwner } from "../../domain/branch-name.js";
import type { Issue } from "../../domain/issue.js";
import { LABEL } from "../../domain/labels.js";
import {
  checkStateOf,
  latestReviewStates,
  reviewStateOf,
  type CheckState,
  type ReviewState,
} from "../../domain/review/review-state.js";
import { summariseChecks } from "../../domain/review/summarise-checks.js";
import type { IssueTracker } from "../ports.js";
import type { RecentPullRequest, ReviewTracker } from "../review-ports.js";
import type { Ledger } from "./read-ledger.js";

export type ReportGitHub = {
  tracker: Pick<IssueTracker, "listOpenIssues">;
  review: Pick<ReviewTracker, "listRecentPullRequests" | "listCheckRuns" | "listCommitStatuses" | "listReviews">;
};

/** One of our pull requests as GitHub lists it: its issue and agent from the branch name. */
export interface OurPull {
  pull: RecentPullRequest;
  issue: number;
  agent: string;
}

export interface PullCi {
  checks: CheckState;
  review: ReviewState;
  failing: string[];
  changesRequestedBy: string[];
}

export interface GitHubFacts {
  pulls: OurPull[];
  pullsListed: number;
  morePulls: boolean;
  /** Open issues and pull requests labelled `route:human-only`, by number. */
  humanOnly: Map<number, Issue>;
  ci: Map<number, PullCi>;
  ciSkipped: number;
  requests: number;
}

/** Open pull requests read at once for their CI: enough to overlap round trips, few enough to stay polite. */
const PARALLEL_PULLS = 4;

/**
 * What GitHub says now about the ledger's work (design §4 "The report"), in a bounded number of
 * requests: one page of the most recently updated pull requests in any state, one page of open
 * `route:human-only` issues, then three reads (check runs, commit statuses, reviews) for each
 * of at most `ciLimit` open pull requests of ours still in the loop's hands. No read per issue or
 * per closed pull request: 2 + 3 × min(open, ciLimit) requests in all.
 */
export async function readGitHubFacts(github: ReportGitHub, ledger: Ledger, ciLimit: number): Promise<GitHubFacts> {
  const [{ pulls: listed, hasNextPage }, humanOnlyPage] = await Promise.all([
    github.review.listRecentPullRequests(),
    github.tracker.listOpenIssues({ labels: [LABEL.humanOnly], perPage: 100 }),
  ]);
  const pulls = listed.flatMap((pull): OurPull[] => {
    const owner = workBranchOwner(pull.headBranch);
    if (!owner) return [];
    const known = ledger
      .attemptsFor(owner.issueNumber)
      .some((item) => item.prNumber === pull.number || item.branch === pull.headBranch);
    return known ? [{ pull, issue: owner.issueNumber, agent: owner.agentId }] : [];
  });
  // Handed to people: their CI is the people's business now, and they are on the list anyway.
  const toCheck = pulls.filter(({ pull }) => pull.state === "open" && !pull.labels.includes(LABEL.humanOnly));
  const checked = toCheck.slice(0, ciLimit);
  const ci = new Map<number, PullCi>();
  for (let start = 0; start < checked.length; start += PARALLEL_PULLS) {
    const batch = checked.slice(start, start + PARALLEL_PULLS);
    const read = await Promise.all(batch.map(({ pull }) => readCi(github.review, pull)));
    batch.forEach(({ pull }, index) => ci.set(pull.number, read[index] as PullCi));
  }
  return {
    pulls,
    pullsListed: listed.length,
    morePulls: hasNextPage,
    humanOnly: new Map(humanOnlyPage.issues.map((issue) => [issue.number, issue])),
    ci,
    ciSkipped: toCheck.length - checked.length,
    requests: 2 + 3 * checked.length,
  };
}

async function readCi(review: ReportGitHub["review"], pull: RecentPullRequest): Promise<PullCi> {
  const [runs, statuses, reviews] = await Promise.all([
    review.listCheckRuns(pull.headSha),
    review.listCommitStatuses(pull.headSha),
    review.listReviews(pull.number),
  ]);
  const summary = summariseChecks(runs, statuses);
  const latest = latestReviewStates(reviews);
  return {
    checks: checkStateOf(summary.state),
    review: reviewStateOf(reviews),
    failing: summary.failing.map((entry) => entry.name),
    changesRequestedBy: [...latest].filter(([, state]) => state === "CHANGES_REQUESTED").map(([author]) => author),
  };
}
