import type { RecoveryQuery, RecoveryReport } from "../../core/reports/recovery-report.js";
import type { RecoveryOutcome } from "../../core/store-port.js";
import type { Output } from "../output.js";
import { describeFilter, formatDuration, formatTime, plural } from "./report-format.js";

const BADGE: Record<RecoveryOutcome, { emoji: string; paint: (out: Output, text: string) => string }> = {
  recovered: { emoji: "✅", paint: (out, text) => out.color.green(text) },
  "gave-up": { emoji: "❌", paint: (out, text) => out.color.red(text) },
  escalated: { emoji: "🚨", paint: (out, text) => out.color.yellow.bold(text) },
};

export function renderRecoveryReport(report: RecoveryReport, out: Output, filter: RecoveryQuery = {}): void {
  const { color } = out;
  const { recoveries, summary } = report;
  if (recoveries.length === 0) {
    out.line(`✅ No recovery recorded${describeFilter(filter)}.`);
    out.info(color.dim("   `spawn --autonomous` records every attempt to recover from an error here."));
    return;
  }
  out.line(`🩹 ${plural(recoveries.length, "recovery attempt")} recorded${describeFilter(filter)}`);
  const issueWidth = Math.max(...recoveries.map((recovery) => issueText(recovery.issue).length));
  const classWidth = Math.min(24, Math.max(...recoveries.map((recovery) => recovery.errorClass.length)));
  const strategyWidth = Math.min(16, Math.max(...recoveries.map((recovery) => recovery.strategy.length)));
  for (const recovery of recoveries) {
    const badge = BADGE[recovery.outcome];
    const outcome = badge.paint(out, recovery.outcome.padEnd(9));
    const issue = color.bold(issueText(recovery.issue).padEnd(issueWidth));
    const tries = plural(recovery.tries, "try", "tries").padStart(9);
    out.line(
      `  ${formatTime(recovery.at)}  ${issue}  ${badge.emoji} ${outcome}  ${recovery.errorClass.padEnd(classWidth)}  ${recovery.strategy.padEnd(strategyWidth)}  ${tries}  ${formatDuration(recovery.durationMs)}`,
    );
  }
  out.line("");
  const parts = [`${BADGE.recovered.paint(out, `${summary.recovered} recovered`)} (${summary.successRate ?? 0}%)`];
  if (summary.byOutcome["gave-up"] > 0)
    parts.push(BADGE["gave-up"].paint(out, `${summary.byOutcome["gave-up"]} gave up`));
  if (summary.byOutcome.escalated > 0)
    parts.push(BADGE.escalated.paint(out, `${summary.byOutcome.escalated} escalated`));
  parts.push(
    `mean time to recover ${summary.meanTimeToRecoverMs === null ? "—" : formatDuration(summary.meanTimeToRecoverMs)}`,
  );
  out.line(`Σ ${plural(summary.total, "attempt")}: ${parts.join(" · ")}`);
  out.line(
    `  most frequent: ${summary.topErrorClasses.map(({ errorClass, count }) => `${errorClass} ${count}`).join(" · ")}`,
  );
}

function issueText(issue: number | null): string {
  return issue === null ? "—" : `#${issue}`;
}
