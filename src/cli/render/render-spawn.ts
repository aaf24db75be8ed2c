import type { LoopSettings, LoopSummary } from "../../autonomous/loop-types.js";
import type { SpawnPlan } from "../../autonomous/plan-spawn.js";
import type { Output } from "../output.js";
import { outcomeWord } from "./loop-progress.js";
import { describeWorkKind } from "./report-format.js";
import { renderWrites } from "./render-writes.js";

const ICON = { done: "✅", escalated: "🙋", abandoned: "↩️" } as const;

export function renderLoopSummary(summary: LoopSummary, out: Output): void {
  const counts = (["done", "escalated", "abandoned"] as const)
    .map((outcome) => [outcome, summary.issues.filter((issue) => issue.outcome === outcome).length] as const)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${count} ${outcome}`);
  out.line(
    `🥤 Loop ${summary.outcome}: ${summary.reason}. ${counts.length > 0 ? counts.join(", ") : "No issues handled"}.`,
  );
  for (const issue of summary.issues) {
    const pr = issue.pr ? ` → PR #${issue.pr.number} ${issue.pr.url}` : "";
    out.line(
      `  ${ICON[issue.outcome]} #${issue.issue} ${outcomeWord(issue.outcome, issue.kind)}${pr}${issue.reason ? out.color.dim(` (${issue.reason})`) : ""}`,
    );
  }
}

export function renderSpawnPlan(plan: SpawnPlan, settings: LoopSettings, out: Output): void {
  if (plan.restart) {
    out.line(
      `Unfinished: #${plan.restart.issue}${describeWorkKind(plan.restart)} in ${plan.restart.state} → ${plan.restart.action}: ${plan.restart.reason}`,
    );
    if (plan.restart.agentRunning)
      out.line("  An agent left by the previous loop is still running; it would be stopped first.");
  }
  if (plan.next) out.line(`Next from the queue: #${plan.next.number} ${plan.next.title} (branch ${plan.next.branch})`);
  else if (!plan.restart || plan.restart.action !== "resume")
    out.line("The queue is empty: the loop would wait and poll.");
  out.line(
    `Agent: ${settings.agentCommand.join(" ")}${settings.verify ? `; verify: ${settings.verify.join(" ")}` : ""}`,
  );
  if (plan.notify)
    out.line(
      `${out.color.yellow("[dry-run]")} would post notifications (${plan.notify.events.join(", ")}) to ${plan.notify.webhook}`,
    );
  const issue = plan.restart?.action === "resume" ? plan.restart.issue : plan.next?.number;
  if (plan.writes.length === 0 || issue === undefined) return;
  out.line(`${out.color.yellow("[dry-run]")} would, for #${issue}:`);
  renderWrites(plan.writes, out);
}
