import type { DriftQuery, DriftRecord, DriftReport } from "../../core/reports/drift-report.js";
import { DRIFT_SEVERITIES, type DriftSeverity } from "../../domain/drift.js";
import type { Output } from "../output.js";
import { describeFilter, describeWorkKind, formatFields, formatTime, plural } from "./report-format.js";

const BADGE: Record<DriftSeverity, { emoji: string; paint: (out: Output, text: string) => string }> = {
  critical: { emoji: "🔴", paint: (out, text) => out.color.red.bold(text) },
  moderate: { emoji: "🟠", paint: (out, text) => out.color.yellow(text) },
  minor: { emoji: "🔵", paint: (out, text) => out.color.cyan(text) },
};

export function renderDriftReport(report: DriftReport, out: Output, filter: DriftQuery = {}): void {
  const { color } = out;
  const { drifts, summary } = report;
  if (drifts.length === 0) {
    out.line(`✅ No drift recorded${describeFilter(filter)}.`);
    out.info(color.dim("   `spawn --autonomous` records drift when GitHub or git stop showing what it expects."));
    return;
  }
  out.line(`🧭 ${plural(drifts.length, "drift")} recorded${describeFilter(filter)}`);
  const issueWidth = Math.max(...drifts.map((drift) => issueText(drift).length));
  const kindWidth = Math.min(24, Math.max(...drifts.map((drift) => drift.kind.length)));
  for (const drift of drifts) {
    const badge = BADGE[drift.severity];
    const severity = badge.paint(out, drift.severity.padEnd(8));
    const issue = color.bold(issueText(drift).padEnd(issueWidth));
    out.line(
      `  ${formatTime(drift.at)}  ${issue}  ${badge.emoji} ${severity}  ${drift.kind.padEnd(kindWidth)}  ${drift.action} → ${drift.outcome}`,
    );
    out.info(
      color.dim(
        `${" ".repeat(26 + issueWidth)}expected ${formatFields(drift.expected)}; found ${formatFields(drift.found)}`,
      ),
    );
  }
  out.line("");
  const severities = DRIFT_SEVERITIES.map((severity) =>
    BADGE[severity].paint(out, `${BADGE[severity].emoji} ${summary.bySeverity[severity]} ${severity}`),
  );
  out.line(`Σ ${plural(summary.total, "drift")}: ${severities.join(" · ")}`);
  out.line(
    `  by kind: ${Object.entries(summary.byKind)
      .map(([kind, count]) => `${kind} ${count}`)
      .join(" · ")}`,
  );
}

/** `#12`, or `#12 (rework of PR #31)` for a drift met while reworking or landing its pull request. */
function issueText(drift: DriftRecord): string {
  if (drift.issue === null) return "—";
  return `#${drift.issue}${describeWorkKind({ kind: drift.workKind, pr: drift.pr })}`;
}
