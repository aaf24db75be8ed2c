import { isSodaError } from "../../errors/index.js";
import type { GitWorkspace, IssueTracker } from "../ports.js";
import type { BranchDecision } from "./examine-branches.js";
import type { ResetPlan } from "./plan-reset.js";
import { keptClaims, releasedClaim, type KeptBranch, type ResetOutcome } from "./reset-outcome.js";

/**
 * Release each claim — marks first (one write), then the lock — then clean up local branches.
 * Every step is safe to repeat: an issue already released is not written, an absent ref is
 * fine, so a reset interrupted part-way is completed by running it again.
 */
export async function applyReset(
  plan: ResetPlan,
  tracker: IssueTracker,
  git: GitWorkspace | undefined,
): Promise<ResetOutcome> {
  const outcome: ResetOutcome = {
    released: [],
    kept: keptClaims(plan),
    deletedBranches: [],
    checkedOut: null,
    branchesNotExamined: plan.branches.examined ? null : plan.branches.reason,
  };
  for (const release of plan.releases) {
    if (release.release.marks) await tracker.setMarks(release.issue, release.release.marks);
    const refDeleted = release.locked && (await tracker.deleteClaimRef(release.issue)) === "deleted";
    outcome.released.push(releasedClaim(release, refDeleted));
  }
  if (git && plan.branches.examined) {
    await cleanUpBranches(
      git,
      plan.branches.decisions,
      plan.branches.checkoutBase ? plan.branches.baseBranch : undefined,
      outcome,
    );
  }
  return outcome;
}

async function cleanUpBranches(
  git: GitWorkspace,
  decisions: BranchDecision[],
  checkoutBase: string | undefined,
  outcome: ResetOutcome,
): Promise<void> {
  let current: string | undefined;
  if (checkoutBase) {
    current = await git.currentBranch();
    try {
      await git.checkout(checkoutBase);
      outcome.checkedOut = checkoutBase;
      current = undefined;
    } catch (error) {
      if (!isSodaError(error)) throw error;
    }
  }
  for (const decision of decisions) {
    if (decision.action === "keep") {
      outcome.kept.push(kept(decision, decision.reason));
    } else if (decision.branch === current) {
      outcome.kept.push(
        kept(decision, `it is checked out and ${checkoutBase ?? "the base branch"} could not be checked out instead`),
      );
    } else {
      try {
        await git.deleteBranch(decision.branch);
        outcome.deletedBranches.push(decision.branch);
      } catch (error) {
        // e.g. the branch is checked out in a worktree: keep it, say why, go on with the rest.
        if (!isSodaError(error)) throw error;
        outcome.kept.push(kept(decision, `git would not delete it: ${error.message}`));
      }
    }
  }
}

function kept(decision: BranchDecision, reason: string): KeptBranch {
  return { branch: decision.branch, issue: decision.issue, reason };
}
