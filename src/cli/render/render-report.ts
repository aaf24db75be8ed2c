import type { Report } from "../../core/report/report-types.js";
import { formatUsd } from "../../domain/agent-spend.js";
import { ISSUE_OUTCOMES } from "../../domain/report/issue-outcome.js";
import type { Output } from "../output.js";
import { formatDuration, formatTime, plural } from "./report-format.js";
import { loopPaceWords, NEEDS_YOU_WORDS, OUTCOME_WORDS, subjectOf, windowWords } from "./report-words.js";

/** Rows of a list shown in the terminal before "… and N more". */
const MAX_ROWS = 20;

/** `report` for a terminal: what needs you first, then the figures, then the lists. */
export function renderReport(report: Report, out: Output): void {
  const { color } = out;
  const { totals } = report;
  out.line(
    `📊 ${color.bold(report.repository)} — last ${windowWords(report.window.hours)} ` +
      color.dim(`(${formatTime(report.window.since)} → ${formatTime(report.window.until)})`),
  );
  out.line("");
  if (report.needsYou.length === 0) out.line(`✅ ${color.green("Nothing needs you.")}`);
  else {
    out.line(color.bold(`🙋 Needs you (${report.needsYou.length})`));
    for (const item of report.needsYou.slice(0, MAX_ROWS)) {
      const words = NEEDS_YOU_WORDS[item.kind];
      const title = item.title === null ? "" : ` ${color.dim(item.title)}`;
      out.line(
        `  ${words.emoji} ${color.bold(subjectOf(item))}${title} — ${color.yellow(words.label)}: ${item.reason}`,
      );
    }
    more(out, report.needsYou.length);
  }
  out.line("");
  out.line(color.bold("📈 Figures"));
  out.line(
    `  Issues delivered ${totals.issuesDelivered} · PRs opened ${totals.prsOpened} · merged ${totals.prsMerged} · ` +
      `closed ${totals.prsClosed} · escalated ${totals.escalations}`,
  );
  out.line(
    `  Rework rounds ${totals.reworkRounds} · failed attempts ${totals.failedAttempts} · drifts ${totals.drifts} · ` +
      `recoveries ${totals.recoveries}`,
  );
  const { throughput, cycleTime, agent } = report;
  out.line(
    `  Throughput ${throughput.perHour}/h over the window` +
      ` · ${loopPaceWords(report, formatDuration) ?? "no loop ran"}`,
  );
  const stats = (entry: Report["cycleTime"]["claimToPr"]) =>
    entry.count === 0
      ? color.dim("—")
      : `median ${formatDuration(entry.medianMs ?? 0)} · p90 ${formatDuration(entry.p90Ms ?? 0)} (${entry.count})`;
  out.line(`  Cycle time: claim → PR ${stats(cycleTime.claimToPr)}; PR → merge ${stats(cycleTime.prToMerge)}`);
  const cost = agent.costUsd === null ? "cost not reported" : `cost ${formatUsd(agent.costUsd)}`;
  const tokens =
    agent.inputTokens + agent.outputTokens > 0 ? ` · ${agent.inputTokens} in / ${agent.outputTokens} out tokens` : "";
  out.line(`  Agent time ${formatDuration(agent.timeMs)} over ${plural(agent.runs, "run")} · ${cost}${tokens}`);
  const outcomes = ISSUE_OUTCOMES.filter((outcome) => report.outcomes[outcome] > 0).map(
    (outcome) => `${OUTCOME_WORDS[outcome].emoji} ${OUTCOME_WORDS[outcome].label} ${report.outcomes[outcome]}`,
  );
  if (outcomes.length > 0) out.line(`  Outcomes: ${outcomes.join(" · ")}`);
  renderLists(report, out);
  out.info("");
  out.info(
    color.dim(
      `GitHub: ${plural(report.github.requests, "request")}; ${plural(report.github.pullsListed, "pull request")} listed` +
        `${report.github.morePulls ? " (more exist: older ones are left out)" : ""}; CI read for ${report.github.ciRead}` +
        `${report.github.ciSkipped > 0 ? `, not for ${report.github.ciSkipped} more (limit ${report.github.ciLimit})` : ""}`,
    ),
  );
}

function renderLists(report: Report, out: Output): void {
  const { color } = out;
  if (report.issues.length > 0) {
    out.line("");
    out.line(color.bold(`📋 Issues (${report.issues.length})`));
    const width = Math.max(...report.issues.map((issue) => String(issue.number).length)) + 1;
    for (const issue of report.issues.slice(0, MAX_ROWS)) {
      const words = OUTCOME_WORDS[issue.outcome];
      const pr = issue.pr === null ? "      " : `PR #${issue.pr}`.padEnd(6);
      const extra = [
        issue.failedAttempts > 0 ? plural(issue.failedAttempts, "failed attempt") : "",
        issue.reworkRounds > 0 ? plural(issue.reworkRounds, "rework round") : "",
        issue.agentMs > 0 ? `agent ${formatDuration(issue.agentMs)}` : "",
      ].filter(Boolean);
      out.line(
        `  ${`#${issue.number}`.padEnd(width)} ${words.emoji} ${words.label.padEnd(11)} ${pr}  ${issue.title ?? color.dim("(title not known)")}` +
          (extra.length > 0 ? color.dim(`  ${extra.join(" · ")}`) : ""),
      );
    }
    more(out, report.issues.length);
  }
  if (report.escalations.length > 0) {
    out.line("");
    out.line(color.bold(`🚨 Escalations (${report.escalations.length})`));
    for (const escalation of report.escalations)
      out.line(
        `  ${formatTime(escalation.at)}  ${color.bold(escalation.pr === null ? `#${escalation.issue}` : `PR #${escalation.pr}`)}  ` +
          `${escalation.errorClass ? `${escalation.errorClass}: ` : ""}${escalation.reason}` +
          (escalation.stillHumanOnly === false ? color.dim("  (no longer route:human-only)") : ""),
      );
  }
  if (report.reworkRounds.length > 0) {
    out.line("");
    out.line(color.bold(`🔁 Rework rounds (${report.reworkRounds.length})`));
    for (const rework of report.reworkRounds)
      out.line(
        `  ${formatTime(rework.at)}  PR #${rework.pr ?? "?"} (#${rework.issue})  round ${rework.round ?? "?"}: ${rework.state}`,
      );
  }
  if (report.failuresByClass.length > 0) {
    out.line("");
    out.line(
      `${color.bold("❗ Failures by class:")} ${report.failuresByClass.map(({ errorClass, count }) => `${errorClass} ${count}`).join(" · ")}`,
    );
  }
  const { drifts, recoveries } = report;
  out.line(
    `${color.bold("🧭 Drifts:")} ${drifts.total}` +
      (drifts.total > 0
        ? ` (critical ${drifts.bySeverity.critical}, moderate ${drifts.bySeverity.moderate}, minor ${drifts.bySeverity.minor})`
        : "") +
      `  ${color.bold("🩹 Recoveries:")} ${recoveries.total}` +
      (recoveries.total > 0 ? ` (${recoveries.successRate ?? 0}% recovered)` : ""),
  );
  if (report.loopRuns.length > 0) {
    out.line("");
    out.line(color.bold(`🔄 Loop runs (${report.loopRuns.length})`));
    for (const run of report.loopRuns.slice(-MAX_ROWS))
      out.line(
        `  ${formatTime(run.startedAt)}  ${run.agentId}  ${run.outcome.padEnd(9)}  ${color.dim(run.reason ?? "")}`,
      );
  }
}

function more(out: Output, total: number): void {
  if (total > MAX_ROWS)
    out.line(out.color.dim(`  … and ${total - MAX_ROWS} more (--json, --markdown or --html for all)`));
}
