import { formatUsd } from "../../domain/agent-spend.js";
import type { ReportSummary } from "../../domain/report/report-summary.js";
import type { Report } from "./report-types.js";

export type { ReportSummary };

export function summarizeReport(report: Report): ReportSummary {
  const { totals } = report;
  const parts = [count(totals.issuesDelivered, "issue delivered", "issues delivered"), `${totals.prsMerged} merged`];
  if (totals.escalations > 0) parts.push(`${totals.escalations} escalated`);
  if (totals.reworkRounds > 0) parts.push(count(totals.reworkRounds, "rework round"));
  if (totals.failedAttempts > 0) parts.push(count(totals.failedAttempts, "failed attempt"));
  if (report.agent.costUsd !== null) parts.push(`${formatUsd(report.agent.costUsd)} spent`);
  const attention =
    totals.needsYou === 0 ? "nothing needs you" : `${totals.needsYou} need${totals.needsYou === 1 ? "s" : ""} you`;
  return {
    text: `${report.repository}, last ${windowText(Date.parse(report.window.until) - Date.parse(report.window.since))}: ${parts.join(", ")} · ${attention}`,
    figures: {
      since: report.window.since,
      until: report.window.until,
      issuesDelivered: totals.issuesDelivered,
      prsMerged: totals.prsMerged,
      escalations: totals.escalations,
      reworkRounds: totals.reworkRounds,
      failedAttempts: totals.failedAttempts,
      needsYou: totals.needsYou,
      costUsd: report.agent.costUsd,
      claimToPrMedianMs: report.cycleTime.claimToPr.medianMs,
    },
  };
}

function count(value: number, one: string, many = `${one}s`): string {
  return `${value} ${value === 1 ? one : many}`;
}

/** `12 h`, `7 d`, `90 min`, `40 s` (a short run's own window), from the window's length in milliseconds. */
function windowText(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours >= 48 && Number.isInteger(hours / 24)) return `${hours / 24} d`;
  if (hours >= 1) return `${Math.round(hours * 10) / 10} h`;
  if (ms >= 60_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 1000)} s`;
}
