import type { Report } from "../../core/report/report-types.js";
import { formatUsd } from "../../domain/agent-spend.js";
import { ISSUE_OUTCOMES } from "../../domain/report/issue-outcome.js";
import { markdownInline } from "./markdown-text.js";
import { formatDuration, formatTime } from "./report-format.js";
import { loopPaceWords, NEEDS_YOU_WORDS, OUTCOME_WORDS, subjectOf, windowWords } from "./report-words.js";

/**
 * `report --markdown`: the same facts as the terminal report, as GitHub renders Markdown (a job's
 * summary page, an issue, a chat). Every list in full. Text from issues goes into table cells
 * escaped, and links only to the URLs GitHub gave.
 */
export function renderReportMarkdown(report: Report): string {
  const cell = markdownInline;
  const { totals, throughput, cycleTime, agent } = report;
  const lines: string[] = [
    `## 🥤 my-little-soda report — ${report.repository}`,
    "",
    `Last ${windowWords(report.window.hours)}: ${formatTime(report.window.since)} → ${formatTime(report.window.until)}`,
    "",
  ];
  if (report.needsYou.length === 0) lines.push("✅ **Nothing needs you.**");
  else {
    lines.push(`### 🙋 Needs you (${report.needsYou.length})`, "", "| | What | Title | Why |", "|---|---|---|---|");
    for (const item of report.needsYou) {
      const words = NEEDS_YOU_WORDS[item.kind];
      const subject = item.url ? `[${subjectOf(item)}](${item.url})` : subjectOf(item);
      lines.push(`| ${words.emoji} ${words.label} | ${subject} | ${cell(item.title ?? "")} | ${cell(item.reason)} |`);
    }
  }
  const stats = (entry: Report["cycleTime"]["claimToPr"]) =>
    entry.count === 0
      ? "—"
      : `${formatDuration(entry.medianMs ?? 0)} | ${formatDuration(entry.p90Ms ?? 0)} | ${entry.count}`;
  const pace = loopPaceWords(report, formatDuration);
  lines.push(
    "",
    "### 📈 Figures",
    "",
    "| Issues delivered | PRs opened | Merged | Closed | Escalated | Rework rounds | Failed attempts | Drifts | Recoveries |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    `| ${totals.issuesDelivered} | ${totals.prsOpened} | ${totals.prsMerged} | ${totals.prsClosed} | ${totals.escalations} | ` +
      `${totals.reworkRounds} | ${totals.failedAttempts} | ${totals.drifts} | ${totals.recoveries} |`,
    "",
    `**Throughput** ${throughput.perHour}/h over the window` +
      (pace === null ? "" : `, ${pace}`) +
      ` · **Agent time** ${formatDuration(agent.timeMs)} over ${agent.runs} runs · **Cost** ` +
      (agent.costUsd === null ? "not reported" : formatUsd(agent.costUsd)),
    "",
    "| Cycle time | Median | p90 | Count |",
    "|---|---:|---:|---:|",
    `| claim → PR | ${stats(cycleTime.claimToPr)} |`,
    `| PR → merge | ${stats(cycleTime.prToMerge)} |`,
  );
  const outcomes = ISSUE_OUTCOMES.filter((outcome) => report.outcomes[outcome] > 0);
  if (outcomes.length > 0)
    lines.push(
      "",
      `**Outcomes** ${outcomes.map((outcome) => `${OUTCOME_WORDS[outcome].emoji} ${OUTCOME_WORDS[outcome].label} ${report.outcomes[outcome]}`).join(" · ")}`,
    );
  if (report.issues.length > 0) {
    lines.push(
      "",
      `### 📋 Issues (${report.issues.length})`,
      "",
      "| Issue | Outcome | PR | Title | Failed attempts | Rework rounds |",
      "|---|---|---|---|---:|---:|",
    );
    for (const issue of report.issues)
      lines.push(
        `| #${issue.number} | ${OUTCOME_WORDS[issue.outcome].emoji} ${OUTCOME_WORDS[issue.outcome].label} | ${issue.pr === null ? "" : `#${issue.pr}`} | ` +
          `${cell(issue.title ?? "")} | ${issue.failedAttempts} | ${issue.reworkRounds} |`,
      );
  }
  if (report.escalations.length > 0) {
    lines.push(
      "",
      `### 🚨 Escalations (${report.escalations.length})`,
      "",
      "| When | Issue | Class | Reason |",
      "|---|---|---|---|",
    );
    for (const escalation of report.escalations)
      lines.push(
        `| ${formatTime(escalation.at)} | ${escalation.pr === null ? `#${escalation.issue}` : `PR #${escalation.pr} (#${escalation.issue})`} | ` +
          `${cell(escalation.errorClass ?? "")} | ${cell(escalation.reason)} |`,
      );
  }
  if (report.reworkRounds.length > 0) {
    lines.push(
      "",
      `### 🔁 Rework rounds (${report.reworkRounds.length})`,
      "",
      "| When | PR | Round | State |",
      "|---|---|---:|---|",
    );
    for (const rework of report.reworkRounds)
      lines.push(
        `| ${formatTime(rework.at)} | #${rework.pr ?? "?"} (#${rework.issue}) | ${rework.round ?? ""} | ${rework.state} |`,
      );
  }
  if (report.failuresByClass.length > 0)
    lines.push(
      "",
      `**Failures by class** ${report.failuresByClass.map(({ errorClass, count }) => `${cell(errorClass)} ${count}`).join(" · ")}`,
    );
  lines.push(
    "",
    `**Drifts** ${report.drifts.total} · **Recoveries** ${report.recoveries.total}` +
      (report.recoveries.total > 0 ? ` (${report.recoveries.successRate ?? 0}% recovered)` : ""),
    "",
    `<sub>GitHub: ${report.github.requests} requests, ${report.github.pullsListed} pull requests listed, CI read for ${report.github.ciRead}.</sub>`,
  );
  return `${lines.join("\n")}\n`;
}
