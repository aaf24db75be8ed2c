import { isReworkStage, type ReviewAssessment } from "../../domain/review/verdict.js";
import { GitError, NothingToDoError, UsageError } from "../../errors/index.js";
import type { GitWorkspace, IssueTracker } from "../ports.js";
import { readLeaseOf } from "../read-lease-of.js";
import { assessReview, type ReviewPolicy } from "../review/assess-review.js";
import { findOwnPulls, type OwnPull } from "../review/find-own-pulls.js";
import { readPullFacts } from "../review/read-pull-facts.js";
import { lastPushOf, reworkRoundsOf } from "../review/review-history.js";
import type { ReviewTracker } from "../review-ports.js";
import type { WorkItemLog } from "../store-port.js";

export interface ReworkRequest {
  tracker: IssueTracker;
  review: ReviewTracker;
  git: GitWorkspace;
  /** The local store: rework rounds done and the loop's last pushes (none: 0 rounds). */
  store: Pick<WorkItemLog, "attemptsFor"> | undefined;
  agentId: string;
  /** `[review]`: the same policy the loop assesses with. */
  policy: ReviewPolicy;
  /** Rework the pull request of this issue rather than the first that needs it. */
  issueNumber?: number;
  worktree: boolean;
}

export interface ReworkClaimPlan {
  login: string;
  root: string;
  own: OwnPull;
  assessment: ReviewAssessment;
  /** The round this rework is: the rounds done (from the store) plus one. */
  round: number;
  maxRounds: number;
  worktree: boolean;
  /** A local branch of that name exists (it is checked out, not created). */
  localBranch: boolean;
}

/**
 * Everything `pop --rework` checks and reads before its first write: this agent holds no claim
 * (an issue's, or the rework claim of one of its pull requests), and the first of its pull
 * requests in review, in number order, that the loop would rework now — assessed exactly as the
 * loop assesses it. `--dry-run` stops here.
 */
export async function planRework(request: ReworkRequest): Promise<ReworkClaimPlan> {
  const { tracker, git, agentId } = request;
  const root = await git.root();
  if (!request.worktree) {
    const { changedTrackedFiles } = await git.status();
    if (changedTrackedFiles.length > 0) {
      throw new GitError(`the working tree has uncommitted changes (${changedTrackedFiles.slice(0, 3).join(", ")})`, {
        hint: "commit or stash them first, or use `pop --rework --worktree` to work in a separate worktree",
      });
    }
  }
  const [held, viewer, { own }, refs] = await Promise.all([
    tracker.listOpenIssues({ labels: [agentId], perPage: 10 }),
    tracker.getViewer(),
    findOwnPulls(request.review, agentId),
    tracker.listClaimRefs(),
  ]);
  const claimed = held.issues.find((issue) => !issue.isPullRequest);
  if (claimed) {
    throw new UsageError(`${agentId} already holds a claim on #${claimed.number} (${claimed.title})`, {
      hint: "deliver it with `my-little-soda bottle`, or release it with `my-little-soda reset`; another agent id (--agent) can work in parallel",
    });
  }
  // Rework claims are the lock alone (no label): only our pull requests' locks can be ours.
  const claimedBy = new Map<number, string>();
  for (const ref of refs.filter((candidate) => own.some((entry) => entry.issueNumber === candidate.issueNumber))) {
    const holder = (await readLeaseOf(tracker, ref))?.agent ?? "someone";
    if (holder === agentId) {
      const pull = own.find((entry) => entry.issueNumber === ref.issueNumber)?.pull;
      throw new UsageError(
        `${agentId} already holds a claim on #${ref.issueNumber} (the rework of PR #${pull?.number})`,
        {
          hint: `finish it with \`my-little-soda bottle\` on ${pull?.headBranch ?? "its branch"}, or release it with \`my-little-soda reset\``,
        },
      );
    }
    claimedBy.set(ref.issueNumber, holder);
  }

  const candidates = own.filter(
    (entry) => request.issueNumber === undefined || entry.issueNumber === request.issueNumber,
  );
  if (request.issueNumber !== undefined && candidates.length === 0)
    throw new NothingToDoError(`#${request.issueNumber} has no open pull request of ${agentId} in route:review`);
  const seen: string[] = [];
  for (const entry of candidates) {
    const holder = claimedBy.get(entry.issueNumber);
    if (holder !== undefined) {
      seen.push(`#${entry.pull.number} is being reworked by ${holder}`);
      continue;
    }
    const rounds = reworkRoundsOf(request.store, entry.issueNumber);
    const since = await lastPushOf({ store: request.store, git }, { issueNumber: entry.issueNumber, ...entry.pull });
    const facts = await readPullFacts(request.review, entry.pull, {
      issueNumber: entry.issueNumber,
      viewer: viewer.login,
      since,
    });
    const assessment = assessReview(facts, request.policy, rounds);
    if (!isReworkStage(assessment.stage)) {
      seen.push(`#${entry.pull.number} ${assessment.stage}`);
      continue;
    }
    return {
      login: viewer.login,
      root,
      own: { ...entry, pull: { ...entry.pull, ...facts.pull } },
      assessment,
      round: rounds + 1,
      maxRounds: request.policy.maxReworkRounds,
      worktree: request.worktree,
      localBranch: (await git.resolveRef(`refs/heads/${entry.pull.headBranch}`)) !== undefined,
    };
  }
  const which = seen.length > 0 ? ` (${seen.join("; ")})` : "";
  throw new NothingToDoError(
    request.issueNumber === undefined
      ? `no pull request of ${agentId} in route:review needs rework${which}`
      : `the pull request of #${request.issueNumber} does not need rework${which}`,
  );
}
