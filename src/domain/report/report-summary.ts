/**
 * A report in one line and a few figures, for places with no room for the whole of it: the
 * loop's end-of-run notification, the line `report --html` prints. Stable field names; the
 * text is for people and may change.
 */
export interface ReportSummary {
  /** e.g. `acme/widgets, last 12 h: 10 issues delivered, 2 merged, 1 escalated, 3 failed attempts · 2 need you`. */
  text: string;
  figures: {
    since: string;
    until: string;
    issuesDelivered: number;
    prsMerged: number;
    escalations: number;
    reworkRounds: number;
    failedAttempts: number;
    needsYou: number;
    costUsd: number | null;
    /** Median claim → pull request, milliseconds; null when nothing was delivered. */
    claimToPrMedianMs: number | null;
  };
}
