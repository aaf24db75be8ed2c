import type { BottleResult } from "../../core/bottle/apply-bottle.js";
import type { BottlePlan } from "../../core/bottle/plan-bottle.js";
import type { PlannedWrite } from "../../core/planned-write.js";
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
