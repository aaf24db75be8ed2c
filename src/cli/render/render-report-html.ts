import type { Report } from "../../core/report/report-types.js";
import { SERIES_KINDS } from "../../core/report/report-types.js";
import { formatUsd } from "../../domain/agent-spend.js";
import { ISSUE_OUTCOMES } from "../../domain/report/issue-outcome.js";
import { escapeHtml as e } from "./html-text.js";
import { REPORT_CSS } from "./report-css.js";
import { renderReportTables } from "./render-report-tables.js";
import { formatDuration, formatTime } from "./report-format.js";
import { barChart, horizontalBars } from "./report-svg.js";
import { CYCLE_COLOURS, NEEDS_YOU_WORDS, OUTCOME_WORDS, SERIES_WORDS, subjectOf, windowWords } from "./report-words.js";

/**
 * `report --html FILE`: one self-contained page. Inline CSS and inline SVG charts, no script, and
 * no URL of any kind — a Content-Security-Policy that allows nothing else makes sure that a page
 * opened from a mail or an artifact never reaches out. Every text from GitHub is escaped.
 */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function renderReportHtml(report: Report): string {
  const title = `my-little-soda report — ${report.repository}`;
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(title)}</title><style>${REPORT_CSS}</style></head><body><main>`,
    `<header><h1>🥤 ${e(title)}</h1><p>Last ${e(windowWords(report.window.hours))}: ` +
      `<time>${e(formatTime(report.window.since))}</time> → <time>${e(formatTime(report.window.until))}</time></p></header>`,
    needsYou(report),
    tiles(report),
    charts(report),
    renderReportTables(report),
    `<footer>GitHub: ${report.github.requests} requests · ${report.github.pullsListed} pull requests listed` +
      `${report.github.morePulls ? " (more exist; older ones are left out)" : ""} · CI read for ${report.github.ciRead}` +
      `${report.github.ciSkipped > 0 ? `, not for ${report.github.ciSkipped} more` : ""}.</footer>`,
    "</main></body></html>",
    "",
  ].join("\n");
}

function needsYou(report: Report): string {
  if (report.needsYou.length === 0)
    return '<section id="needs-you" class="needs-you clear"><h2>✅ Nothing needs you</h2></section>';
  const items = report.needsYou.map((item) => {
    const words = NEEDS_YOU_WORDS[item.kind];
    return (
      `<li class="kind-${item.kind}"><span class="badge">${words.emoji} ${e(words.label)}</span><div>` +
      `<strong>${e(subjectOf(item))}</strong>${item.title === null ? "" : ` <span class="title">${e(item.title)}</span>`}` +
      `<div class="reason">${e(item.reason)}</div></div></li>`
    );
  });
  return `<section id="needs-you" class="needs-you"><h2>🙋 Needs you (${report.needsYou.length})</h2><ul>${items.join("")}</ul></section>`;
}

function tiles(report: Report): string {
  const { totals, cycleTime, agent, throughput } = report;
  const entries: Array<[string, string]> = [
    ["Issues delivered", String(totals.issuesDelivered)],
    ["PRs merged", String(totals.prsMerged)],
    ["Escalated", String(totals.escalations)],
    ["Rework rounds", String(totals.reworkRounds)],
    ["Failed attempts", String(totals.failedAttempts)],
    ["Throughput", `${throughput.perHour}/h`],
    ["Claim → PR (median)", cycleTime.claimToPr.medianMs === null ? "—" : formatDuration(cycleTime.claimToPr.medianMs)],
    ["PR → merge (median)", cycleTime.prToMerge.medianMs === null ? "—" : formatDuration(cycleTime.prToMerge.medianMs)],
    ["Agent time", formatDuration(agent.timeMs)],
    ["Cost", agent.costUsd === null ? "—" : formatUsd(agent.costUsd)],
  ];
  return `<section class="tiles">${entries.map(([label, value]) => `<div class="tile"><b>${e(value)}</b><span>${e(label)}</span></div>`).join("")}</section>`;
}

function charts(report: Report): string {
  const bucketLabel = (iso: string) => (report.window.bucket === "day" ? iso.slice(5, 10) : iso.slice(11, 16));
  const overTime = barChart(
    {
      id: "chart-issues-over-time",
      title: `Issues over time (per ${report.window.bucket === "10min" ? "10 minutes" : report.window.bucket})`,
      width: 620,
      height: 240,
    },
    report.throughput.series.map((bucket) => ({
      label: bucketLabel(bucket.start),
      values: Object.fromEntries(SERIES_KINDS.map((kind) => [kind, bucket[kind]])),
    })),
    SERIES_KINDS.map((kind) => ({ key: kind, ...SERIES_WORDS[kind] })),
    "stacked",
  );
  const cycle = barChart(
    { id: "chart-cycle-time", title: "Cycle time distribution", width: 620, height: 240 },
    report.cycleTime.distribution.map((bin) => ({
      label: bin.label,
      values: { claimToPr: bin.claimToPr, prToMerge: bin.prToMerge },
    })),
    [
      { key: "claimToPr", label: "claim → PR", colour: CYCLE_COLOURS.claimToPr },
      { key: "prToMerge", label: "PR → merge", colour: CYCLE_COLOURS.prToMerge },
    ],
    "grouped",
  );
  const outcomes = horizontalBars(
    { id: "chart-outcomes", title: "Outcomes", width: 380, height: 220 },
    ISSUE_OUTCOMES.map((outcome) => ({
      label: OUTCOME_WORDS[outcome].label,
      value: report.outcomes[outcome],
      colour: OUTCOME_WORDS[outcome].colour,
    })),
  );
  const figure = (caption: string, chart: string) => `<figure>${chart}<figcaption>${e(caption)}</figcaption></figure>`;
  return (
    `<section class="charts">` +
    figure("Issues over time", overTime) +
    figure("Outcomes", outcomes) +
    figure("Cycle time distribution", cycle) +
    `</section>`
  );
}
