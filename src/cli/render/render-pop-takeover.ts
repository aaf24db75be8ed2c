import type { TakeoverPopResult } from "../../core/takeover/apply-takeover-pop.js";
import type { TakeoverPopPlan } from "../../core/takeover/plan-takeover-pop.js";
import type { Output } from "../output.js";

export function renderTakeoverResult(result: TakeoverPopResult, agentId: string, out: Output): void {
  const { color } = out;
  if (out.quiet) {
    out.line(`#${result.number}\t${result.branch}`);
    return;
  }
  for (const lost of result.lostTo) out.line(color.dim(`   #${lost} was taken over by another agent first`));
  out.line(
    `✅ ${agentId} took over ${color.bold(`#${result.number}`)} ${result.title} from ${result.previousAgent} ${color.dim(`(its lease expired; epoch ${result.epoch})`)}`,
  );
  out.line(
    `  🌿 Branch: ${result.branch}${result.continuedFrom ? ` (continues ${result.continuedFrom}, as ${result.previousAgent} pushed it)` : " (nothing was pushed; from the base)"}`,
  );
  out.line(`  📂 Work in: ${result.workdir}`);
  out.line(`  🔗 ${result.url}`);
  out.line("");
  out.line(
    color.dim(
      `   ${result.previousAgent} is fenced: it can no longer deliver. Next: commit, then \`my-little-soda bottle\`.`,
    ),
  );
}

export function renderTakeoverDryRun(plan: TakeoverPopPlan, out: Output): void {
  for (const claim of plan.stale)
    out.line(
      `${out.color.yellow("[dry-run]")} would take over #${claim.issueNumber} from ${claim.lease.agent} (heartbeat ${claim.lease.heartbeatAt.toISOString()}, epoch ${claim.lease.epoch} → ${claim.lease.epoch + 1})`,
    );
}
