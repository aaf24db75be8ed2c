import type { PlannedWrite } from "../../core/planned-write.js";
import type { ReworkResult } from "../../core/rework/apply-rework.js";
import type { ReworkClaimPlan } from "../../core/rework/plan-rework.js";
import { summariseReason } from "../../domain/review/describe-rework-reasons.js";
import type { Output } from "../output.js";
import { renderWrites } from "./render-writes.js";

export function renderPopRework(result: ReworkResult, agentId: string, out: Output): void {
  const { color } = out;
  if (out.quiet) {
    out.line(`#${result.number}\t${result.branch}`);
    return;
  }
  out.line(
    `🔧 ${agentId} claimed ${color.bold(`PR #${result.number}`)} for rework ${color.dim(`(round ${result.round} of ${result.maxRounds})`)}: ${result.title}`,
  );
  out.line(`  🌿 Branch: ${result.branch} (up to date with origin/${result.branch})`);
  out.line(`  📂 Work in: ${result.workdir}`);
  out.line(`  🔗 ${result.url}  (closes #${result.issue})`);
  out.line("");
  out.line("  Why:");
  for (const reason of result.reasons) out.line(`   • ${summariseReason(reason)}`);
  if (result.conflictFiles.length > 0)
    out.line(
      color.yellow(
        `  ⚠️  origin/${result.baseBranch} is merged in with conflicts left in ${result.conflictFiles.join(", ")}: resolve them and commit the merge`,
      ),
    );
  out.line("");
  out.line(color.dim("──── what the agent is given ────"));
  out.line(result.markdown.trimEnd());
  out.line(color.dim("────"));
  out.line("");
  out.line(
    color.dim(
      "   Next: fix it and commit, then `my-little-soda bottle` (it pushes, comments and asks for review again).",
    ),
  );
}

export function renderPopReworkDryRun(plan: ReworkClaimPlan, writes: readonly PlannedWrite[], out: Output): void {
  const { pull } = plan.own;
  out.line(
    `${out.color.yellow("[dry-run]")} would claim PR #${pull.number} ${pull.title} for rework (round ${plan.round} of ${plan.maxRounds})`,
  );
  for (const reason of plan.assessment.reasons) out.line(`   • ${summariseReason(reason)}`);
  renderWrites(writes, out);
}
