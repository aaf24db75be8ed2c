import { issueOfWorkBranch } from "../../domain/branch-name.js";
import { LABEL } from "../../domain/labels.js";
import { isReworkCommentFor } from "../../domain/review/rework-comment.js";
import type { ReviewStage, ReworkReason } from "../../domain/review/verdict.js";
import { ClaimLostError, UsageError } from "../../errors/index.js";
import type { BottlePlan } from "../bottle/plan-bottle.js";
import type { GitWorkspace, IssueTracker } from "../ports.js";
import { readClaimHolder } from "../read-claim-holder.js";
import { assessReview, type ReviewPolicy } from "../review/assess-review.js";
import { readPullFacts } from "../review/read-pull-facts.js";
import { lastPushOf, reworkRoundsOf } from "../review/review-history.js";
import type { ReviewTracker } from "../review-ports.js";
import type { WorkItemLog } from "../store-port.js";

export interface ReworkDeliveryRequest {
  tracker: IssueTracker;
  review: ReviewTracker;
  git: GitWorkspace;
  store: Pick<WorkItemLog, "attemptsFor"> | undefined;
  agentId: string;
  policy: ReviewPolicy;
}

interface PullRef {
  number: number;
  url: string;
  draft: boolean;
}

/** What `bottle` found on a branch whose pull request is one of ours in review. */
export type ReworkDeliveryPlan =
  /** New commits on the branch: a rework round to deliver. */
  | {
      kind: "rework";
      pull: PullRef;
      issue: number;
      branch: string;
      baseBranch: string;
      checkedOut: boolean;
      /** The pull request's head on GitHub before this round. */
      remoteHead: string;
      /** Our commits GitHub does not have yet. */
      commits: Array<{ sha: string; subject: string }>;
      stage: ReviewStage;
      /** Why it needed rework, as the loop would assess it now (empty while CI runs). */
      reasons: ReworkReason[];
      /** Who asked for changes on the current head: asked to review again. */
      changesRequestedBy: string[];
      round: number;
      maxRounds: number;
      /** Our rework claim is held (to release it). */
      claimHeld: boolean;
    }
  /** Nothing new, and the round's comment for this head is there: a re-run after a complete one. */
  | {
      kind: "already";
      pull: PullRef;
      issue: number;
      branch: string;
      baseBranch: string;
      checkedOut: boolean;
      remoteHead: string;
      comment: string;
      claimHeld: boolean;
    };

/**
 * Whether `bottle` delivers a rework round rather than a pull request: the branch's pull request
 * is open, ours, in `route:review` and not handed to people, and the branch has commits GitHub
 * lacks — or it has none, and the round's comment for the current head is there already (a
 * re-run after a complete round). Undefined otherwise: a plain `bottle` (a first delivery, or the
 * re-run of one). Refuses while another agent holds the rework claim.
 */
export async function planReworkDelivery(
  plan: BottlePlan,
  request: ReworkDeliveryRequest,
): Promise<ReworkDeliveryPlan | undefined> {
  const { tracker, review, git, agentId } = request;
  const existing = plan.existingPull;
  if (!existing || !existing.labels.includes(LABEL.review) || existing.labels.includes(LABEL.humanOnly))
    return undefined;
  if (issueOfWorkBranch(agentId, plan.branch) !== plan.issue.number) return undefined;
  const issue = plan.issue.number;
  const pull = { number: existing.number, url: existing.url, draft: existing.draft };
  const remoteHead = existing.headSha;
  await git.fetch("origin", plan.branch).catch(() => undefined);
  // Without the pull request's head here, nothing tells what is new: deliver as plain bottle does.
  if ((await git.resolveRef(remoteHead)) === undefined) return undefined;
  const commits = await git.listCommits(remoteHead, plan.branch);
  const base = { pull, issue, branch: plan.branch, baseBranch: plan.baseBranch, checkedOut: plan.checkedOut };

  const viewer = await tracker.getViewer();
  if (commits.length === 0) {
    // The round's comment comes after its push, so after the head commit was made.
    const since = await git.commitTime(remoteHead);
    const comments = await review.listConversationComments(pull.number, since);
    const left = comments.find(
      (comment) => comment.author === viewer.login && isReworkCommentFor(comment.body, remoteHead),
    );
    if (!left) return undefined;
    const { claim } = await readClaimHolder(tracker, issue, agentId);
    return { kind: "already", ...base, remoteHead, comment: left.url, claimHeld: claim.holder === "us" };
  }

  const { claim } = await readClaimHolder(tracker, issue, agentId);
  if (claim.holder === "other")
    throw new ClaimLostError(`PR #${pull.number} (#${issue}) is being reworked by ${claim.agent}`, {
      hint: "leave it to them, or ask them to release it (`my-little-soda reset --agent <id>`)",
    });
  if (!plan.checkedOut)
    throw new UsageError(`${plan.branch} is not checked out here, and a rework round is delivered from its checkout`, {
      hint: "run bottle where the branch is checked out (its worktree): it may have to replay the commits onto ones pushed meanwhile",
    });

  // Why the round was needed is judged where it started: the head the branch was level with when
  // it was taken (the merge base, when someone pushed to the pull request since).
  const start = (await git.mergeBase(plan.branch, `origin/${plan.branch}`)) ?? remoteHead;
  const rounds = reworkRoundsOf(request.store, issue);
  const since = await lastPushOf(
    { store: request.store, git },
    { issueNumber: issue, headBranch: plan.branch, headSha: start },
  );
  const facts = await readPullFacts(review, pull, {
    issueNumber: issue,
    viewer: viewer.login,
    since,
    jobLogs: false,
    at: start,
  });
  const assessment = assessReview(facts, request.policy, rounds);
  return {
    kind: "rework",
    ...base,
    baseBranch: facts.pull.baseBranch,
    remoteHead,
    commits,
    stage: assessment.stage,
    reasons: assessment.reasons,
    changesRequestedBy: assessment.changesRequestedBy,
    round: rounds + 1,
    maxRounds: request.policy.maxReworkRounds,
    claimHeld: claim.holder === "us",
  };
}
