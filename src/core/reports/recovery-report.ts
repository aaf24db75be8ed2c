import type { EventLog, RecoveryEvent, RecoveryOutcome } from "../store-port.js";
import { countBy, rankCounts } from "./rank-counts.js";

/**
 * `recovery-report` (design §4, §5): every recorded recovery attempt, oldest first, with the
 * success rate, the mean time to recover and the most frequent error classes. Pure over the
 * event log; no store is an empty report.
 */

/** How many error classes the summary ranks. */
export const TOP_ERROR_CLASSES = 5;

export interface RecoveryQuery {
  since?: Date;
}

/** One recorded recovery attempt, as `recovery-report --json` shows it. */
export interface RecoveryRecord {
  /** ISO 8601, UTC. */
  at: string;
  issue: number | null;
  errorClass: string;
  strategy: string;
  tries: number;
  outcome: RecoveryOutcome;
  durationMs: number;
  runId: string | null;
}

export interface RecoverySummary {
  total: number;
  recovered: number;
  /** Every outcome, zero included. */
  byOutcome: Record<RecoveryOutcome, number>;
  /** recovered / total as a percentage, one decimal; null when nothing was recorded. */
  successRate: number | null;
  /** Mean duration of the recovered attempts, whole milliseconds; null when none recovered. */
  meanTimeToRecoverMs: number | null;
  /** The most frequent error classes (at most five), most frequent first. */
  topErrorClasses: Array<{ errorClass: string; count: number }>;
}

export interface RecoveryReport {
  recoveries: RecoveryRecord[];
  summary: RecoverySummary;
}

/** Read the recorded recoveries; `events` undefined means there is no store. */
export function readRecoveryReport(
  events: Pick<EventLog, "listRecoveries"> | undefined,
  query: RecoveryQuery = {},
): RecoveryReport {
  const recorded = events ? events.listRecoveries({ since: query.since }) : [];
  return buildRecoveryReport(recorded);
}

export function buildRecoveryReport(events: readonly RecoveryEvent[]): RecoveryReport {
  const recoveries = [...events].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id).map(toRecord);
  return { recoveries, summary: summariseRecoveries(recoveries) };
}

export function summariseRecoveries(
  recoveries: ReadonlyArray<Pick<RecoveryRecord, "errorClass" | "outcome" | "durationMs">>,
): RecoverySummary {
  const byOutcome: Record<RecoveryOutcome, number> = { recovered: 0, "gave-up": 0, escalated: 0 };
  let recoveredMs = 0;
  for (const recovery of recoveries) {
    byOutcome[recovery.outcome] += 1;
    if (recovery.outcome === "recovered") recoveredMs += recovery.durationMs;
  }
  const total = recoveries.length;
  const recovered = byOutcome.recovered;
  return {
    total,
    recovered,
    byOutcome,
    successRate: total === 0 ? null : Math.round((recovered / total) * 1000) / 10,
    meanTimeToRecoverMs: recovered === 0 ? null : Math.round(recoveredMs / recovered),
    topErrorClasses: rankCounts(countBy(recoveries, (recovery) => recovery.errorClass))
      .slice(0, TOP_ERROR_CLASSES)
      .map(([errorClass, count]) => ({ errorClass, count })),
  };
}

function toRecord(event: RecoveryEvent): RecoveryRecord {
  return {
    at: event.at.toISOString(),
    issue: event.issueNumber ?? null,
    errorClass: event.errorClass,
    strategy: event.strategy,
    tries: event.tries,
    outcome: event.outcome,
    durationMs: event.durationMs,
    runId: event.runId ?? null,
  };
}
