import { describe, expect, it } from "vitest";
import {
  buildRecoveryReport,
  readRecoveryReport,
  summariseRecoveries,
} from "../../../../src/core/reports/recovery-report.js";
import type { RecoveryEvent, RecoveryOutcome } from "../../../../src/core/store-port.js";

let nextId = 1;
function attempt(
  errorClass: string,
  outcome: RecoveryOutcome,
  durationMs: number,
  at = "2024-05-01T10:00:00Z",
  fields: Partial<RecoveryEvent> = {},
): RecoveryEvent {
  return { id: nextId++, at: new Date(at), errorClass, strategy: "backoff", tries: 1, outcome, durationMs, ...fields };
}

describe("summariseRecoveries", () => {
  it("gives the success rate as a percentage, the mean time of the recovered ones, and the top error classes", () => {
    const summary = summariseRecoveries([
      attempt("network", "recovered", 1_000),
      attempt("network", "recovered", 2_500),
      attempt("rate-limit", "recovered", 60_000),
      attempt("agent-timeout", "escalated", 900_000),
      attempt("network", "gave-up", 30_000),
      attempt("server-error", "recovered", 501),
    ]);
    expect(summary).toEqual({
      total: 6,
      recovered: 4,
      byOutcome: { recovered: 4, "gave-up": 1, escalated: 1 },
      successRate: 66.7,
      // (1000 + 2500 + 60000 + 501) / 4 = 16000.25; failures do not count towards the mean.
      meanTimeToRecoverMs: 16_000,
      topErrorClasses: [
        { errorClass: "network", count: 3 },
        { errorClass: "agent-timeout", count: 1 },
        { errorClass: "rate-limit", count: 1 },
        { errorClass: "server-error", count: 1 },
      ],
    });
  });

  it("keeps the five most frequent error classes", () => {
    const classes = ["a", "b", "b", "c", "c", "c", "d", "e", "e", "f", "g", "g", "g", "g"];
    const summary = summariseRecoveries(classes.map((errorClass) => attempt(errorClass, "recovered", 10)));
    expect(summary.topErrorClasses).toEqual([
      { errorClass: "g", count: 4 },
      { errorClass: "c", count: 3 },
      { errorClass: "b", count: 2 },
      { errorClass: "e", count: 2 },
      { errorClass: "a", count: 1 },
    ]);
    expect(summary.successRate).toBe(100);
  });

  it("has a 0% success rate and no mean time when nothing recovered", () => {
    const summary = summariseRecoveries([attempt("auth", "escalated", 5), attempt("auth", "gave-up", 7)]);
    expect(summary).toMatchObject({ total: 2, recovered: 0, successRate: 0, meanTimeToRecoverMs: null });
  });

  it("is zeros and nulls when nothing was recorded", () => {
    expect(summariseRecoveries([])).toEqual({
      total: 0,
      recovered: 0,
      byOutcome: { recovered: 0, "gave-up": 0, escalated: 0 },
      successRate: null,
      meanTimeToRecoverMs: null,
      topErrorClasses: [],
    });
  });
});

describe("buildRecoveryReport", () => {
  it("lists the attempts oldest first as JSON-ready records", () => {
    const later = attempt("merge-conflict", "escalated", 4_200, "2024-05-01T11:00:00Z", {
      issueNumber: 7,
      strategy: "rebase",
      tries: 3,
      runId: "run-2",
      detail: { message: "x" },
    });
    const earlier = attempt("network", "recovered", 350, "2024-05-01T09:00:00Z");
    const report = buildRecoveryReport([later, earlier]);
    expect(report.recoveries).toEqual([
      {
        at: "2024-05-01T09:00:00.000Z",
        issue: null,
        errorClass: "network",
        strategy: "backoff",
        tries: 1,
        outcome: "recovered",
        durationMs: 350,
        runId: null,
      },
      {
        at: "2024-05-01T11:00:00.000Z",
        issue: 7,
        errorClass: "merge-conflict",
        strategy: "rebase",
        tries: 3,
        outcome: "escalated",
        durationMs: 4_200,
        runId: "run-2",
      },
    ]);
    expect(report.summary).toMatchObject({ total: 2, recovered: 1, successRate: 50, meanTimeToRecoverMs: 350 });
  });
});

describe("readRecoveryReport", () => {
  it("is an empty report when there is no store", () => {
    expect(readRecoveryReport(undefined)).toEqual({
      recoveries: [],
      summary: summariseRecoveries([]),
    });
  });

  it("asks the event log for the attempts since a time", () => {
    const since = new Date("2024-05-01T00:00:00Z");
    const queries: unknown[] = [];
    readRecoveryReport({ listRecoveries: (query) => (queries.push(query), []) }, { since });
    expect(queries).toEqual([{ since }]);
  });
});
