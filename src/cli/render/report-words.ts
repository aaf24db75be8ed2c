import type { NeedsYouItem, NeedsYouKind, Report } from "../../core/report/report-types.js";
import type { IssueOutcome } from "../../domain/report/issue-outcome.js";
import type { SeriesKind } from "../../core/report/report-types.js";

/**
 * The words, emoji and colours the report's three renderings (terminal, Markdown, HTML) share.
 * Each chart's colours are its own (no two charts share one), so a screenshot shows which drew.
 */

export const NEEDS_YOU_WORDS: Record<NeedsYouKind, { emoji: string; label: string }> = {
  escalated: { emoji: "🚨", label: "escalated" },
  "handed-over": { emoji: "🙋", label: "handed to people" },
  "spend-stop": { emoji: "💸", label: "spend limit" },
  "ci-failing": { emoji: "❌", label: "CI failing" },
  "changes-requested": { emoji: "✍️", label: "changes requested" },
  "quota-pause": { emoji: "⏸️", label: "plan limit" },
  "trust-refused": { emoji: "🛡️", label: "trust gate" },
  unfinished: { emoji: "⏯️", label: "unfinished" },
  "awaiting-review": { emoji: "👀", label: "awaiting review" },
};

export const OUTCOME_WORDS: Record<IssueOutcome, { emoji: string; label: string; colour: string }> = {
  merged: { emoji: "🟣", label: "merged", colour: "#6639ba" },
  "in-review": { emoji: "🟢", label: "in review", colour: "#2da44e" },
  escalated: { emoji: "🚨", label: "escalated", colour: "#cf222e" },
  "in-progress": { emoji: "⏳", label: "in progress", colour: "#54aeff" },
  "pr-closed": { emoji: "⚫", label: "PR closed", colour: "#6e7781" },
  abandoned: { emoji: "🟠", label: "abandoned", colour: "#bc4c00" },
  failed: { emoji: "🔴", label: "failed", colour: "#fa4549" },
};

export const SERIES_WORDS: Record<SeriesKind, { label: string; colour: string }> = {
  delivered: { label: "delivered", colour: "#1a7f37" },
  merged: { label: "merged", colour: "#8250df" },
  escalated: { label: "escalated", colour: "#d1242f" },
  failed: { label: "failed attempts", colour: "#d4a72c" },
};

export const CYCLE_COLOURS = { claimToPr: "#0969da", prToMerge: "#bf3989" } as const;

/** `#12`, `PR #31 (#12)`: what a needs-you entry is about. */
export function subjectOf(item: Pick<NeedsYouItem, "issue" | "pr">): string {
  if (item.pr !== null) return `PR #${item.pr}${item.issue === null ? "" : ` (#${item.issue})`}`;
  return item.issue === null ? "the loop" : `#${item.issue}`;
}

/** `12 h`, `7 days`, `90 min`: the window's length. */
export function windowWords(hours: number): string {
  if (hours >= 48 && Number.isInteger(hours / 24)) return `${hours / 24} days`;
  if (hours >= 1) return `${Math.round(hours * 10) / 10} h`;
  return `${Math.round(hours * 60)} min`;
}

/**
 * How fast the loops went while they ran: a rate per hour once they ran an hour or more; under
 * that, a rate would only inflate a few minutes' work (3 issues in 4 s is not 2,500 an hour), so
 * the count and the time are said as they are.
 */
export function loopPaceWords(report: Report, duration: (ms: number) => string): string | null {
  const { throughput, totals } = report;
  if (throughput.perActiveHour === null) return null;
  const ran = duration(throughput.activeMs);
  return throughput.activeMs >= 3_600_000
    ? `${throughput.perActiveHour}/h while a loop ran (${ran})`
    : `${totals.issuesDelivered} delivered in ${ran} of loop time`;
}
