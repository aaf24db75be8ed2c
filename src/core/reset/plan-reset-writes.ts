import { claimRefName } from "../../domain/claim-ref-name.js";
import type { PlannedWrite } from "../planned-write.js";
import type { ResetPlan } from "./plan-reset.js";

/** Every GitHub and git write reset would make, in order, for `--dry-run`. */
export function planResetWrites(plan: ResetPlan): PlannedWrite[] {
  const writes: PlannedWrite[] = [];
  for (const { issue, release, locked } of plan.releases) {
    if (release.marks)
      writes.push({
        system: "github",
        action: "set-marks",
        issue,
        labels: release.marks.labels,
        assignees: release.marks.assignees,
      });
    if (locked) writes.push({ system: "github", action: "delete-ref", ref: claimRefName(issue), issue });
  }
  const { branches } = plan;
  if (branches.examined) {
    if (branches.checkoutBase) writes.push({ system: "git", action: "checkout", branch: branches.baseBranch });
    for (const decision of branches.decisions) {
      if (decision.action === "delete")
        writes.push({ system: "git", action: "delete-branch", branch: decision.branch });
    }
  }
  return writes;
}
