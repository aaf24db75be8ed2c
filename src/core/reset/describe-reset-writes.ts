import type { ResetPlan } from "./plan-reset.js";

/** Every GitHub and git write reset would make, in order, for `--dry-run`. */
export function describeResetWrites(plan: ResetPlan): string[] {
  const writes: string[] = [];
  for (const { issue, release, locked } of plan.releases) {
    if (release.marks) {
      writes.push(
        `GitHub: set #${issue} labels to [${release.marks.labels.join(", ")}] and assignees to [${release.marks.assignees.join(", ")}]`,
      );
    }
    if (locked) writes.push(`GitHub: delete ref refs/my-little-soda/claims/${issue}`);
  }
  const { branches } = plan;
  if (branches.examined) {
    if (branches.checkoutBase) writes.push(`git: checkout ${branches.baseBranch}`);
    for (const decision of branches.decisions) {
      if (decision.action === "delete") writes.push(`git: branch -D ${decision.branch}`);
    }
  }
  return writes;
}
