import type { BottlePlan } from "./plan-bottle.js";

/** The writes bottle would make, in order, for `--dry-run`. */
export function describeBottleWrites(
  plan: BottlePlan,
  options: { agentId: string; verify: string[] | undefined; noVerify: boolean; draft: boolean; returnToBase: boolean },
): string[] {
  const writes: string[] = [];
  if (!plan.existingPull && !options.noVerify && options.verify)
    writes.push(`run: ${options.verify.join(" ")} (must pass)`);
  writes.push(`git: push origin ${plan.branch} (${plan.commits.length} commit${plan.commits.length === 1 ? "" : "s"})`);
  writes.push(
    plan.existingPull
      ? `GitHub: reuse the open pull request #${plan.existingPull.number}`
      : `GitHub: open a ${options.draft ? "draft " : ""}pull request "${plan.issue.title}" ${plan.branch} → ${plan.baseBranch}, body closing #${plan.issue.number}`,
  );
  writes.push(`GitHub: label #${plan.issue.number} route:review, remove ${options.agentId}`);
  writes.push("GitHub: label the pull request route:review");
  if (plan.claimHeld) writes.push(`GitHub: delete ref refs/my-little-soda/claims/${plan.issue.number}`);
  if (plan.checkedOut && options.returnToBase) writes.push(`git: checkout ${plan.baseBranch}`);
  return writes;
}
