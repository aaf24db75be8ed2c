import type { VerifyOutcome } from "../../domain/pull-request-body.js";
import { reworkComment } from "../../domain/review/rework-comment.js";
import { runVerify, type BottleSettings } from "../bottle/apply-bottle.js";
import type { CommandRunner, GitWorkspace, IssueTracker } from "../ports.js";
import { pushRework } from "../review/push-rework.js";
import type { ReviewTracker } from "../review-ports.js";
import type { ReworkDeliveryPlan } from "./plan-rework-delivery.js";

export interface ReworkDeliveryResult {
  issue: number;
  pr: { number: number; url: string; draft: boolean };
  branch: string;
  verify: VerifyOutcome;
  /** The round's comment on the pull request. */
  comment: string;
  /** False on a re-run after a complete round: nothing was pushed or commented again. */
  delivered: boolean;
  /** The commit now at the head of the pull request. */
  head: string;
  commits: number;
  round: number | null;
  maxRounds: number | null;
  /** Asked to review again. */
  reviewRequested: string[];
  claimReleased: boolean;
  returnedTo: string | null;
}

/**
 * Deliver a rework round from the terminal, as the loop's deliver-rework does: verify, push
 * without force (`pushRework`: onto commits someone pushed meanwhile, never over them), one
 * comment summing up the round (marked with the head it pushed, so a re-run finds it), review
 * asked again of whoever requested changes, the rework claim released, back to the base. A re-run
 * after a complete round only releases what is left and goes back.
 */
export async function applyReworkDelivery(
  plan: ReworkDeliveryPlan,
  settings: Pick<BottleSettings, "agentId" | "verify" | "noVerify" | "returnToBase" | "workdir"> & {
    secrets: readonly string[];
  },
  ports: { tracker: IssueTracker; review: ReviewTracker; git: GitWorkspace; runner: CommandRunner },
): Promise<ReworkDeliveryResult> {
  const { tracker, review, git } = ports;
  let result: Omit<ReworkDeliveryResult, "claimReleased" | "returnedTo">;
  if (plan.kind === "already") {
    result = {
      issue: plan.issue,
      pr: plan.pull,
      branch: plan.branch,
      verify: { kind: "skipped" },
      comment: plan.comment,
      delivered: false,
      head: plan.remoteHead,
      commits: 0,
      round: null,
      maxRounds: null,
      reviewRequested: [],
    };
  } else {
    const verify = await runVerify(plan.issue, settings, ports.runner);
    const head = await pushRework(git, git, plan.branch);
    const commits = await git.listCommits(plan.remoteHead, head);
    const body = reworkComment({
      agentId: settings.agentId,
      round: plan.round,
      maxRounds: plan.maxRounds,
      reasons: plan.reasons,
      commits,
      verify,
      secrets: settings.secrets,
      head,
    });
    const comment = await tracker.createComment(plan.pull.number, body);
    if (plan.changesRequestedBy.length > 0) await review.requestReviewers(plan.pull.number, plan.changesRequestedBy);
    result = {
      issue: plan.issue,
      pr: plan.pull,
      branch: plan.branch,
      verify,
      comment: comment.url,
      delivered: true,
      head,
      commits: commits.length,
      round: plan.round,
      maxRounds: plan.maxRounds,
      reviewRequested: plan.changesRequestedBy,
    };
  }
  if (plan.claimHeld) await tracker.deleteClaimRef(plan.issue);
  let returnedTo: string | null = null;
  // A linked worktree cannot check out the base branch the main checkout already has.
  if (plan.checkedOut && settings.returnToBase && !(await git.isLinkedWorktree())) {
    await git.checkout(plan.baseBranch);
    returnedTo = plan.baseBranch;
  }
  return { ...result, claimReleased: plan.claimHeld, returnedTo };
}
