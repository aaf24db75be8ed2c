import type { BottleResult } from "../../core/bottle/apply-bottle.js";
import type { BottlePlan } from "../../core/bottle/plan-bottle.js";
import type { PlannedWrite } from "../../core/planned-write.js";
import type { ReworkDeliveryResult } from "../../core/rework/apply-rework-delivery.js";
import type { ReworkDeliveryPlan } from "../../core/rework/plan-rework-delivery.js";
import type { Output } from "../output.js";
import { renderWrites } from "./render-writes.js";

export function renderBottleResult(result: BottleResult, out: Output): void {
  const { color } = out;
  if (out.quiet) {
    out.line(result.pr.url);
    return;
  }
  const verb = result.created ? "opened" : "already open";
  out.line(
    `✅ Pull request ${verb}: ${color.bold(`#${result.pr.number}`)}${result.pr.draft ? " (draft)" : ""} for #${result.issue}`,
  );
  out.line(`  🔗 ${result.pr.url}`);
  out.line(`  🌿 ${result.branch} pushed; claim released; #${result.issue} labelled route:review`);
  if (result.verify.kind === "passed")
    out.line(`  🧪 ${result.verify.command} passed (${result.verify.seconds.toFixed(1)} s)`);
  if (result.verify.kind === "skipped" && result.created) out.line(color.yellow("  🧪 verify skipped (--no-verify)"));
  if (result.returnedTo) out.line(color.dim(`   Back on ${result.returnedTo}. Next: \`my-little-soda pop\`.`));
}

export function renderBottleDryRun(plan: BottlePlan, writes: readonly PlannedWrite[], out: Output): void {
  out.line(
    `${out.color.yellow("[dry-run]")} would deliver #${plan.issue.number} ${plan.issue.title} from ${plan.branch}`,
  );
  renderWrites(writes, out);
}

export function renderReworkDelivery(result: ReworkDeliveryResult, out: Output): void {
  const { color } = out;
  if (out.quiet) {
    out.line(result.comment);
    return;
  }
  if (!result.delivered) {
    out.line(`✅ Rework already delivered to ${color.bold(`PR #${result.pr.number}`)} for #${result.issue}`);
    out.line(`  💬 ${result.comment}`);
    if (result.claimReleased) out.line("  🔓 claim released");
  } else {
    const round = result.round === null ? "" : ` (round ${result.round} of ${result.maxRounds})`;
    out.line(`✅ Rework delivered to ${color.bold(`PR #${result.pr.number}`)}${round} for #${result.issue}`);
    out.line(`  🔗 ${result.pr.url}`);
    out.line(
      `  🌿 ${result.branch} pushed (${result.commits} new commit${result.commits === 1 ? "" : "s"})${result.claimReleased ? "; claim released" : ""}`,
    );
    out.line(`  💬 ${result.comment}`);
    if (result.reviewRequested.length > 0)
      out.line(`  👀 review asked again of ${result.reviewRequested.map((login) => `@${login}`).join(", ")}`);
    if (result.verify.kind === "passed")
      out.line(`  🧪 ${result.verify.command} passed (${result.verify.seconds.toFixed(1)} s)`);
    if (result.verify.kind === "skipped") out.line(color.yellow("  🧪 verify skipped (--no-verify)"));
  }
  if (result.returnedTo) out.line(color.dim(`   Back on ${result.returnedTo}.`));
}

export function renderReworkDeliveryDryRun(
  plan: ReworkDeliveryPlan,
  writes: readonly PlannedWrite[],
  out: Output,
): void {
  const what =
    plan.kind === "rework"
      ? `would deliver rework round ${plan.round} of ${plan.maxRounds} to PR #${plan.pull.number} from ${plan.branch}`
      : `PR #${plan.pull.number}'s rework is delivered already`;
  out.line(`${out.color.yellow("[dry-run]")} ${what}`);
  renderWrites(writes, out);
}
