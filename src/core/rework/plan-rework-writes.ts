import { claimRefName } from "../../domain/claim-ref-name.js";
import type { PlannedWrite } from "../planned-write.js";
import { reworkWorktreePath } from "./apply-rework.js";
import type { ReworkClaimPlan } from "./plan-rework.js";

/** The writes `pop --rework` would make, in order, for `--dry-run`. */
export function planReworkWrites(plan: ReworkClaimPlan, agentId: string): PlannedWrite[] {
  const { pull, issueNumber } = plan.own;
  const branch = pull.headBranch;
  const remote = `origin/${branch}`;
  const writes: PlannedWrite[] = [
    { system: "github", action: "create-lease-commit", agent: agentId, login: plan.login },
    { system: "github", action: "create-ref", ref: claimRefName(issueNumber), issue: issueNumber, candidates: 1 },
    { system: "git", action: "fetch", remote: "origin", branch: pull.baseBranch },
    { system: "git", action: "fetch", remote: "origin", branch },
    plan.worktree
      ? { system: "git", action: "add-worktree", path: reworkWorktreePath(plan, agentId), branch, startPoint: remote }
      : plan.localBranch
        ? { system: "git", action: "checkout", branch }
        : { system: "git", action: "create-branch", branch, startPoint: remote },
  ];
  // A branch made from the remote one is level with it already.
  if (plan.localBranch) writes.push({ system: "git", action: "update-branch", branch, upstream: remote });
  if (plan.assessment.reasons.some((reason) => reason.kind === "conflict" || reason.kind === "behind-base"))
    writes.push({ system: "git", action: "merge", branch, upstream: `origin/${pull.baseBranch}` });
  return writes;
}
