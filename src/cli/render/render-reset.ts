import type { ResetPlan } from "../../core/reset/plan-reset.js";
import type { ReleasedClaim, ResetOutcome } from "../../core/reset/reset-outcome.js";
import type { PlannedWrite } from "../../core/planned-write.js";
import type { Output } from "../output.js";
import { renderWrites } from "./render-writes.js";

/** The claims about to be released, shown before the confirmation question. */
export function renderResetPlan(plan: ResetPlan, out: Output): void {
  out.line(`🔓 ${plan.all ? "Every agent's claims" : `${plan.agentId}'s claims`} to release:`);
  for (const release of plan.releases) {
    out.line(`   #${release.issue} ${release.title}${release.agent ? out.color.dim(` (${release.agent})`) : ""}`);
  }
}

export function renderResetOutcome(outcome: ResetOutcome, out: Output, dryRun: boolean): void {
  const { color } = out;
  const verb = (done: string, planned: string) => (dryRun ? planned : done);
  if (dryRun)
    out.line(
      `${color.yellow("[dry-run]")} would release ${outcome.released.length} claim${outcome.released.length === 1 ? "" : "s"}`,
    );
  for (const claim of outcome.released) {
    out.line(
      `🔓 ${verb("Released", "Would release")} ${color.bold(`#${claim.issue}`)} ${claim.title}${claim.agent ? color.dim(` (${claim.agent})`) : ""}`,
    );
    out.info(`   ${describeRelease(claim)}`);
  }
  if (outcome.checkedOut) out.line(`↩️  ${verb("Checked out", "Would check out")} ${outcome.checkedOut}`);
  for (const branch of outcome.deletedBranches)
    out.line(`🗑️  ${verb("Deleted", "Would delete")} branch ${branch} ${color.dim("(merged)")}`);
  for (const kept of outcome.kept) {
    const what = kept.branch === null ? `claim on #${kept.issue}` : `branch ${kept.branch}`;
    out.line(`📌 ${verb("Kept", "Would keep")} ${what}: ${color.yellow(kept.reason)}`);
  }
  if (outcome.branchesNotExamined)
    out.info(color.dim(`   Local branches were not examined: ${outcome.branchesNotExamined}.`));
}

export function renderResetWrites(writes: readonly PlannedWrite[], out: Output): void {
  out.line("");
  out.line("Planned writes:");
  renderWrites(writes, out);
}

function describeRelease(claim: ReleasedClaim): string {
  const parts: string[] = [];
  if (claim.labelsRemoved.length > 0) parts.push(`🏷️  removed ${claim.labelsRemoved.join(", ")}`);
  if (claim.requeued) parts.push("route:ready back on");
  else if (claim.state === "closed") parts.push("closed, not queued again");
  else if (claim.state === "missing") parts.push("the issue no longer exists");
  if (claim.assigneeRemoved) parts.push(`👤 unassigned ${claim.assigneeRemoved}`);
  if (claim.refDeleted) parts.push("🔒 claim ref deleted");
  return parts.length > 0 ? parts.join(" · ") : "nothing left to change";
}
