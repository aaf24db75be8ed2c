import type { PopResult } from "../../core/pop/apply-pop.js";
import type { PopPlan } from "../../core/pop/plan-pop.js";
import type { PlannedWrite } from "../../core/planned-write.js";
import type { Output } from "../output.js";
import { renderWrites } from "./render-writes.js";

export function renderPopResult(result: PopResult, agentId: string, baseBranch: string, out: Output): void {
  const { color } = out;
  if (out.quiet) {
    out.line(`#${result.number}\t${result.branch}`);
    return;
  }
  for (const lost of result.lostTo)
    out.line(color.dim(`   #${lost} was claimed by another agent first; trying the next`));
  out.line(`✅ ${agentId} claimed ${color.bold(`#${result.number}`)} ${result.title}`);
  out.line(
    `  🌿 Branch: ${result.branch}${result.reusedBranch ? color.yellow(" (existing branch reused)") : ` (from origin/${baseBranch})`}`,
  );
  out.line(`  📂 Work in: ${result.workdir}`);
  out.line(`  🔗 ${result.url}`);
  out.line("");
  out.line(color.dim("   Next: commit your work, then `my-little-soda bottle`."));
}

export function renderPopDryRun(plan: PopPlan, writes: readonly PlannedWrite[], out: Output): void {
  const first = plan.candidates[0];
  if (!first) return;
  out.line(`${out.color.yellow("[dry-run]")} would claim #${first.number} ${first.title}`);
  renderWrites(writes, out);
}
