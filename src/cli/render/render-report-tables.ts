import type { Report } from "../../core/report/report-types.js";
import { escapeHtml as e } from "./html-text.js";
import { formatDuration, formatTime } from "./report-format.js";
import { OUTCOME_WORDS } from "./report-words.js";

/** The report page's lists, as HTML tables; every cell escaped. */
export function renderReportTables(report: Report): string {
  return [
    table(
      `📋 Issues (${report.issues.length})`,
      ["Issue", "Outcome", "PR", "Title", "Failed attempts", "Rework rounds", "Agent time"],
      report.issues.map((issue) => [
        `#${issue.number}`,
        `${OUTCOME_WORDS[issue.outcome].emoji} ${OUTCOME_WORDS[issue.outcome].label}`,
        issue.pr === null ? "" : `#${issue.pr}`,
        issue.title ?? "",
        String(issue.failedAttempts),
        String(issue.reworkRounds),
        issue.agentMs > 0 ? formatDuration(issue.agentMs) : "",
      ]),
      [4, 5, 6],
    ),
    table(
      `🔀 Pull requests (${report.pulls.length})`,
      ["PR", "Issue", "State", "Title", "CI", "Review", "Opened", "Merged"],
      report.pulls.map((pull) => [
        `#${pull.number}`,
        `#${pull.issue}`,
        pull.humanOnly ? `${pull.state}, handed to people` : pull.state,
        pull.title,
        pull.checks === null
          ? ""
          : pull.failingChecks.length > 0
            ? `${pull.checks} (${pull.failingChecks.join(", ")})`
            : pull.checks,
        pull.review ?? "",
        formatTime(pull.openedAt),
        pull.mergedAt === null ? "" : formatTime(pull.mergedAt),
      ]),
    ),
    table(
      `🚨 Escalations (${report.escalations.length})`,
      ["When", "Issue", "Class", "Reason", "Still route:human-only"],
      report.escalations.map((escalation) => [
        formatTime(escalation.at),
        escalation.pr === null ? `#${escalation.issue}` : `PR #${escalation.pr} (#${escalation.issue})`,
        escalation.errorClass ?? "",
        escalation.reason,
        escalation.stillHumanOnly === null ? "" : escalation.stillHumanOnly ? "yes" : "no",
      ]),
    ),
    table(
      `🔁 Rework rounds (${report.reworkRounds.length})`,
      ["When", "PR", "Round", "State"],
      report.reworkRounds.map((rework) => [
        formatTime(rework.at),
        `#${rework.pr ?? "?"} (#${rework.issue})`,
        String(rework.round ?? ""),
        rework.state,
      ]),
    ),
    table(
      "❗ Failures by class",
      ["Class", "Count"],
      report.failuresByClass.map(({ errorClass, count }) => [errorClass, String(count)]),
      [1],
    ),
    table(
      "🧭 Drifts and 🩹 recoveries",
      ["", "Total", "Detail"],
      [
        [
          "Drifts",
          String(report.drifts.total),
          Object.entries(report.drifts.byKind)
            .map(([kind, count]) => `${kind} ${count}`)
            .join(", "),
        ],
        [
          "Recoveries",
          String(report.recoveries.total),
          report.recoveries.total === 0
            ? ""
            : `${report.recoveries.successRate ?? 0}% recovered; ${report.recoveries.topErrorClasses.map(({ errorClass, count }) => `${errorClass} ${count}`).join(", ")}`,
        ],
      ],
      [1],
    ),
    table(
      `🔄 Loop runs (${report.loopRuns.length})`,
      ["Started", "Agent", "Outcome", "Reason"],
      report.loopRuns.map((run) => [formatTime(run.startedAt), run.agentId, run.outcome, run.reason ?? ""]),
    ),
  ].join("\n");
}

function table(
  heading: string,
  columns: readonly string[],
  rows: readonly string[][],
  numeric: readonly number[] = [],
): string {
  if (rows.length === 0) return `<section><h2>${e(heading)}</h2><p>None.</p></section>`;
  const cls = (index: number) => (numeric.includes(index) ? ' class="n"' : "");
  const head = columns.map((column, index) => `<th${cls(index)}>${e(column)}</th>`).join("");
  const body = rows
    .map((row) => `<tr>${row.map((cell, index) => `<td${cls(index)}>${e(cell)}</td>`).join("")}</tr>`)
    .join("");
  return `<section><h2>${e(heading)}</h2><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></section>`;
}
