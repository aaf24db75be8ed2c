import type { ClaimRelease, ResetPlan } from "./plan-reset.js";

export interface ReleasedClaim {
  issue: number;
  title: string;
  agent: string | null;
  state: "open" | "closed" | "missing";
  labelsRemoved: string[];
  /** `route:ready` was put back. */
  requeued: boolean;
  assigneeRemoved: string | null;
  refDeleted: boolean;
}

export interface KeptBranch {
  /** The branch kept, or null for a claim that was left alone (another agent's lock). */
  branch: string | null;
  issue: number;
  reason: string;
}

/** What reset did — or, for `--dry-run`, would do. */
export interface ResetOutcome {
  released: ReleasedClaim[];
  kept: KeptBranch[];
  deletedBranches: string[];
  /** The base branch checked out because the current branch was deleted. */
  checkedOut: string | null;
  /** Why local branches were not looked at, when they were not. */
  branchesNotExamined: string | null;
}

export function releasedClaim(release: ClaimRelease, refDeleted: boolean): ReleasedClaim {
  return {
    issue: release.issue,
    title: release.title,
    agent: release.agent,
    state: release.state,
    labelsRemoved: release.release.labelsRemoved,
    requeued: release.release.requeued,
    assigneeRemoved: release.release.assigneeRemoved,
    refDeleted,
  };
}

/** Claims left alone, as kept entries with the reason. */
export function keptClaims(plan: ResetPlan): KeptBranch[] {
  return plan.heldElsewhere.map((held) => ({
    branch: null,
    issue: held.issue,
    reason: `its claim lock is held by ${held.agent} (release it with --agent ${held.agent} or --all)`,
  }));
}

/** The outcome if every planned write succeeds: what `--dry-run` reports. */
export function plannedOutcome(plan: ResetPlan): ResetOutcome {
  const { branches } = plan;
  const decisions = branches.examined ? branches.decisions : [];
  return {
    released: plan.releases.map((release) => releasedClaim(release, release.locked)),
    kept: [
      ...keptClaims(plan),
      ...decisions
        .filter((d) => d.action === "keep")
        .map((d) => ({ branch: d.branch, issue: d.issue, reason: d.reason })),
    ],
    deletedBranches: decisions.filter((d) => d.action === "delete").map((d) => d.branch),
    checkedOut: branches.examined && branches.checkoutBase ? branches.baseBranch : null,
    branchesNotExamined: branches.examined ? null : branches.reason,
  };
}
