import { totalCostUsd } from "../../domain/report/issue-outcome.js";
import { durationHistogram } from "../../domain/report/duration-histogram.js";
import { durationStats } from "../../domain/report/quantiles.js";
import { bucketStarts, countIntoBuckets, type BucketUnit } from "../../domain/report/time-buckets.js";
import { timeInState } from "../../domain/report/time-in-state.js";
import type { Ledger, LedgerItem } from "./read-ledger.js";
import type { ReportEvents } from "./report-events.js";
import { SERIES_KINDS, type Report, type SeriesKind } from "./report-types.js";

const HOUR = 3_600_000;

type Window = { since: Date; until: Date };

/** Issues over time: deliveries, merges, escalations and failed attempts per bucket. */
export function seriesOf(events: ReportEvents, window: Window, unit: BucketUnit): Report["throughput"]["series"] {
  const points: Array<{ at: Date; kind: SeriesKind }> = [
    ...events.delivered.map(({ at }) => ({ at, kind: "delivered" as const })),
    ...events.merged.flatMap(({ pull }) => (pull.mergedAt ? [{ at: pull.mergedAt, kind: "merged" as const }] : [])),
    ...events.escalations.map(({ at }) => ({ at: new Date(at), kind: "escalated" as const })),
    ...events.failed.map(({ at }) => ({ at, kind: "failed" as const })),
  ];
  return countIntoBuckets(points, bucketStarts(window.since, window.until, unit), unit, SERIES_KINDS).map(
    ({ start, counts }) => ({ start: start.toISOString(), ...counts }),
  );
}

/**
 * Claim → pull request: from the issue's first claim (its first delivery attempt, in any run) to
 * the delivery that opened the pull request. Pull request → merge: GitHub's own two times.
 */
export function cycleTimeOf(ledger: Ledger, events: ReportEvents): Report["cycleTime"] {
  const claimToPr = events.delivered.flatMap(({ item, at }) => {
    const first = ledger.attemptsFor(item.issueNumber).find((attempt) => attempt.kind === "deliver");
    return first ? [Math.max(0, at.getTime() - first.createdAt.getTime())] : [];
  });
  const prToMerge = events.merged.flatMap(({ pull }) =>
    pull.mergedAt ? [Math.max(0, pull.mergedAt.getTime() - pull.createdAt.getTime())] : [],
  );
  const claimBins = durationHistogram(claimToPr);
  const mergeBins = durationHistogram(prToMerge);
  return {
    claimToPr: durationStats(claimToPr),
    prToMerge: durationStats(prToMerge),
    distribution: claimBins.map(({ count, ...bin }, index) => ({
      ...bin,
      claimToPr: count,
      prToMerge: mergeBins[index]?.count ?? 0,
    })),
  };
}

/** Deliveries per hour of the window, and per hour a loop was actually running in it. */
export function throughputOf(ledger: Ledger, delivered: number, window: Window): Omit<Report["throughput"], "series"> {
  const windowMs = window.until.getTime() - window.since.getTime();
  const activeMs = ledger.runs.reduce((total, run) => {
    const from = Math.max(run.startedAt.getTime(), window.since.getTime());
    const to = Math.min((run.finishedAt ?? window.until).getTime(), window.until.getTime());
    return total + Math.max(0, to - from);
  }, 0);
  return {
    perHour: round2(windowMs > 0 ? delivered / (windowMs / HOUR) : 0),
    perActiveHour: activeMs > 0 ? round2(delivered / (activeMs / HOUR)) : null,
    activeMs,
  };
}

/** The agent's time (in `run-agent`, inside the window) and what it reported spending. */
export function agentOf(items: readonly LedgerItem[], window: Window): Report["agent"] {
  let runs = 0;
  let timeMs = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  for (const { checkpoints, item } of items) {
    const spent = timeInState(checkpoints, "run-agent", window);
    runs += spent.entries;
    timeMs += spent.ms;
    inputTokens += item.spend?.inputTokens ?? 0;
    outputTokens += item.spend?.outputTokens ?? 0;
  }
  return {
    runs,
    timeMs,
    costUsd: totalCostUsd(items.map(({ item }) => item)),
    inputTokens,
    outputTokens,
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
