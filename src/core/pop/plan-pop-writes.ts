import { branchFor, worktreePathFor } from "../../domain/branch-name.js";
import { claimedMarks } from "../../domain/claim-marks.js";
import { claimRefName } from "../../domain/claim-ref-name.js";
import type { Issue } from "../../domain/issue.js";
import type { PlannedWrite } from "../planned-write.js";
import type { PopPlan } from "./plan-pop.js";

/** The writes pop would make for its first candidate, in order, for `--dry-run`. */
export function planPopWrites(plan: PopPlan, agentId: string): PlannedWrite[] {
  const issue = plan.candidates[0];
  if (!issue) return [];
  const branch = branchFor(agentId, issue);
  const startPoint = `origin/${plan.baseBranch}`;
  return [
    ...claimWrites(issue, { agentId, login: plan.login, candidates: plan.candidates.length }),
    { system: "git", action: "fetch", remote: "origin", branch: plan.baseBranch },
    plan.worktree
      ? { system: "git", action: "add-worktree", path: worktreePathFor(plan.root, issue), branch, startPoint }
      : { system: "git", action: "create-branch", branch, startPoint },
  ];
}

/** The claim protocol's writes (design §3): the lease, the lock, the visible marks. */
export function claimWrites(
  issue: Issue,
  claimant: { agentId: string; login: string; candidates: number },
): PlannedWrite[] {
  const marks = claimedMarks(issue, claimant.agentId, claimant.login);
  return [
    { system: "github", action: "create-lease-commit", agent: claimant.agentId, login: claimant.login },
    {
      system: "github",
      action: "create-ref",
      ref: claimRefName(issue.number),
      issue: issue.number,
      candidates: claimant.candidates,
    },
    { system: "github", action: "set-marks", issue: issue.number, labels: marks.labels, assignees: marks.assignees },
  ];
}
