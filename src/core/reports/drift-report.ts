import type { DriftSeverity } from "../../domain/drift.js";
import type { DriftEvent, EventLog, JsonObject, WorkItem, WorkItemLog, WorkKind } from "../store-port.js";
import { countBy, rankCounts } from "./rank-counts.js";

/**
 * `drift-report` (design §4, §5): the drifts the autonomous loop recorded, oldest first, and the
 * figures that sum them up. Pure over the event log; no store (the loop never ran here) is an
 * empty report, not an error.
 */

export interface DriftQuery {
  since?: Date;
  issueNumber?: number;
}

/** One recorded drift, as `drift-report --json` shows it. */
export interface DriftRecord {
  /** ISO 8601, UTC. */
  at: string;
  issue: number | null;
  /** The work item the loop was on: delivering the issue, reworking its pull request, or landing it. */
  workKind: WorkKind | null;
  /** Its pull request, once there is one. */
  pr: number | null;
  kind: string;
  severity: DriftSeverity;
  expected: JsonObject;
  found: JsonObject;
  /** What the loop did about it (`recorded`, `rebased`, `stopped-agent`…). */
  action: string;
  outcome: string;
  runId: string | null;
}

export interface DriftSummary {
  total: number;
  /** Every severity, zero included. */
  bySeverity: Record<DriftSeverity, number>;
  /** The kinds seen, most frequent first. */
  byKind: Record<string, number>;
}

export interface DriftReport {
  drifts: DriftRecord[];
  summary: DriftSummary;
}

/**
 * Read the recorded drifts, each with the kind of work item it happened to; `store` undefined
 * means there is no store.
 */
export function readDriftReport(
  store: (Pick<EventLog, "listDrifts"> & Partial<Pick<WorkItemLog, "workItem">>) | undefined,
  query: DriftQuery = {},
): DriftReport {
  const recorded = store ? store.listDrifts({ since: query.since, issueNumber: query.issueNumber }) : [];
  return buildDriftReport(recorded, (id) => store?.workItem?.(id));
}

export function buildDriftReport(
  events: readonly DriftEvent[],
  workItemOf: (id: number) => WorkItem | undefined = () => undefined,
): DriftReport {
  const drifts = [...events].sort(byTime).map((event) => toRecord(event, workItemOf));
  return { drifts, summary: summariseDrifts(drifts) };
}

export function summariseDrifts(drifts: ReadonlyArray<Pick<DriftRecord, "severity" | "kind">>): DriftSummary {
  const bySeverity: Record<DriftSeverity, number> = { critical: 0, moderate: 0, minor: 0 };
  for (const drift of drifts) bySeverity[drift.severity] += 1;
  return {
    total: drifts.length,
    bySeverity,
    byKind: Object.fromEntries(rankCounts(countBy(drifts, (drift) => drift.kind))),
  };
}

function toRecord(event: DriftEvent, workItemOf: (id: number) => WorkItem | undefined): DriftRecord {
  const item = event.workItemId === undefined ? undefined : workItemOf(event.workItemId);
  return {
    at: event.at.toISOString(),
    issue: event.issueNumber ?? null,
    workKind: item?.kind ?? null,
    pr: item?.prNumber ?? null,
    kind: event.kind,
    severity: event.severity,
    expected: event.expected,
    found: event.found,
    action: event.action,
    outcome: event.outcome,
    runId: event.runId ?? null,
  };
}

function byTime(a: { at: Date; id: number }, b: { at: Date; id: number }): number {
  return a.at.getTime() - b.at.getTime() || a.id - b.id;
}
