import { claimedMarks } from "../../domain/claim-marks.js";
import { branchFor, worktreePathFor } from "../../domain/branch-name.js";
import type { PopPlan } from "./plan-pop.js";

/** The writes pop would make for its first candidate, in order, for `--dry-run`. */
export function describePopWrites(plan: PopPlan, agentId: string): string[] {
  const issue = plan.candidates[0];
  if (!issue) return [];
  const marks = claimedMarks(issue, agentId, plan.login);
  const branch = branchFor(agentId, issue);
  const start = `origin/${plan.baseBranch}`;
  return [
    `GitHub: create a lease commit (${agentId}, ${plan.login})`,
    `GitHub: create ref refs/my-little-soda/claims/${issue.number} (if another agent wins it, try the next of ${plan.candidates.length} candidates)`,
    `GitHub: set #${issue.number} labels to [${marks.labels.join(", ")}] and assignees to [${marks.assignees.join(", ")}]`,
    `git: fetch origin ${plan.baseBranch}`,
    plan.worktree
      ? `git: worktree add ${worktreePathFor(plan.root, issue)} -b ${branch} ${start}`
      : `git: checkout -b ${branch} ${start}`,
  ];
}
