import type { HistogramBin } from "../../domain/report/duration-histogram.js";
import type { IssueOutcome } from "../../domain/report/issue-outcome.js";
import type { DurationStats } from "../../domain/report/quantiles.js";
import type { BucketUnit } from "../../domain/report/time-buckets.js";
import type { CheckState, ReviewState } from "../../domain/review/review-state.js";
import type { DriftSummary } from "../reports/drift-report.js";
import type { RecoverySummary } from "../reports/recovery-report.js";
import type { RunOutcome } from "../store-port.js";

/**
 * `report` (design §4 "The report"): what the loop did in a window of time and what needs a
 * person now, from the ledger (the store) checked against GitHub. Plain data: times are ISO 8601
 * strings in UTC, so `--json` prints it as it is and the renderers need no clock.
 */

/** Why something is on the "needs you" list, most pressing first (the list is sorted in this order). */
export const NEEDS_YOU_KINDS = [
  "escalated",
  "handed-over",
  "spend-stop",
  "ci-failing",
  "changes-requested",
  "quota-pause",
  "trust-refused",
  "unfinished",
  "awaiting-review",
] as const;
export type NeedsYouKind = (typeof NEEDS_YOU_KINDS)[number];

export interface NeedsYouItem {
  kind: NeedsYouKind;
  issue: number | null;
  pr: number | null;
  /** From GitHub or the ledger; untrusted text (an issue's title). */
  title: string | null;
  url: string | null;
  /** One line. */
  reason: string;
  at: string | null;
}

export type PullState = "open" | "merged" | "closed";

export interface ReportIssue {
  number: number;
  title: string | null;
  outcome: IssueOutcome;
  /** Attempts at delivering it made in the window, and how many of them failed. */
  attempts: number;
  failedAttempts: number;
  reworkRounds: number;
  pr: number | null;
  /** Its pull request as GitHub has it now; null when there is none (or it was not listed). */
  prState: PullState | null;
  /** Time its agent runs took inside the window. */
  agentMs: number;
  /** What its agents reported spending (all its work items touched in the window). */
  costUsd: number | null;
}

export interface ReportPull {
  number: number;
  title: string;
  url: string;
  issue: number;
  agent: string;
  state: PullState;
  openedAt: string;
  mergedAt: string | null;
  closedAt: string | null;
  /** Labelled `route:human-only`: handed to people. */
  humanOnly: boolean;
  /** Read for open pull requests only, up to `github.ciLimit` of them; null when not read. */
  checks: CheckState | null;
  review: ReviewState | null;
  /** Failing check names, when checks were read. */
  failingChecks: string[];
  reworkRounds: number;
}

export interface ReportEscalation {
  issue: number;
  /** Set when a pull request in review was handed to people. */
  pr: number | null;
  title: string | null;
  at: string;
  /** One line. */
  reason: string;
  errorClass: string | null;
  /** Whether GitHub still shows it `route:human-only` (null when GitHub was not asked). */
  stillHumanOnly: boolean | null;
}

export interface ReportRework {
  issue: number;
  pr: number | null;
  round: number | null;
  at: string;
  /** `done` (pushed), `failed`, `escalated`, `abandoned`, or still under way. */
  state: string;
}

export interface ReportRun {
  id: string;
  agentId: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: RunOutcome;
  reason: string | null;
}

export const SERIES_KINDS = ["delivered", "merged", "escalated", "failed"] as const;
export type SeriesKind = (typeof SERIES_KINDS)[number];

export type SeriesBucket = { start: string } & Record<SeriesKind, number>;

export interface DistributionBin extends Omit<HistogramBin, "count"> {
  claimToPr: number;
  prToMerge: number;
}

export interface ReportTotals {
  /** Distinct issues with a work item changed in the window. */
  issuesWorked: number;
  /** Issues delivered as a pull request in the window ("done" for the loop). */
  issuesDelivered: number;
  prsOpened: number;
  /** Our pull requests merged in the window, by the loop or by people (GitHub). */
  prsMerged: number;
  /** Closed without merging in the window (GitHub). */
  prsClosed: number;
  escalations: number;
  reworkRounds: number;
  failedAttempts: number;
  drifts: number;
  recoveries: number;
  needsYou: number;
}

export interface Report {
  repository: string;
  window: { since: string; until: string; hours: number; bucket: BucketUnit };
  needsYou: NeedsYouItem[];
  totals: ReportTotals;
  outcomes: Record<IssueOutcome, number>;
  issues: ReportIssue[];
  pulls: ReportPull[];
  escalations: ReportEscalation[];
  reworkRounds: ReportRework[];
  /** Failed and escalated attempts by error class, most frequent first. */
  failuresByClass: Array<{ errorClass: string; count: number }>;
  drifts: DriftSummary;
  recoveries: RecoverySummary;
  throughput: {
    /** Issues delivered per hour of the window. */
    perHour: number;
    /** Per hour a loop was running in the window; null when none ran. */
    perActiveHour: number | null;
    /** How long loops ran in the window, together. */
    activeMs: number;
    series: SeriesBucket[];
  };
  cycleTime: { claimToPr: DurationStats; prToMerge: DurationStats; distribution: DistributionBin[] };
  agent: { runs: number; timeMs: number; costUsd: number | null; inputTokens: number; outputTokens: number };
  loopRuns: ReportRun[];
  /** What was asked of GitHub, so a reader can trust (or doubt) the pull request figures. */
  github: {
    requests: number;
    pullsListed: number;
    /** More than one page of pull requests changed: older ones are missing from `pulls`. */
    morePulls: boolean;
    ciRead: number;
    /** Open pull requests whose CI was not read (over the limit). */
    ciSkipped: number;
    ciLimit: number;
  };
}
