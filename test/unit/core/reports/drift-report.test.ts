import { describe, expect, it } from "vitest";
import { buildDriftReport, readDriftReport, summariseDrifts } from "../../../../src/core/reports/drift-report.js";
import type { DriftEvent } from "../../../../src/core/store-port.js";

let nextId = 1;
function drift(fields: Partial<DriftEvent> & Pick<DriftEvent, "kind" | "severity">, at: string): DriftEvent {
  return { id: nextId++, at: new Date(at), expected: {}, found: {}, action: "recorded", outcome: "noted", ...fields };
}

const closed = drift(
  {
    kind: "issue-closed",
    severity: "critical",
    issueNumber: 3,
    runId: "run-1",
    expected: { state: "open" },
    found: { state: "closed" },
    action: "stopped-agent",
    outcome: "work preserved",
  },
  "2024-05-01T10:05:00Z",
);
const behind = drift(
  { kind: "base-ahead", severity: "moderate", issueNumber: 4, action: "rebased", outcome: "ok" },
  "2024-05-01T10:00:00Z",
);
const merged = drift({ kind: "pr-merged", severity: "minor", issueNumber: 3 }, "2024-05-01T10:10:00Z");
const behindAgain = drift({ kind: "base-ahead", severity: "moderate" }, "2024-05-01T10:20:00Z");

describe("buildDriftReport", () => {
  it("lists the drifts oldest first with ISO times, nulls for what was not recorded, and the summary", () => {
    const report = buildDriftReport([closed, behind, merged, behindAgain]);
    expect(report.drifts.map((record) => record.at)).toEqual([
      "2024-05-01T10:00:00.000Z",
      "2024-05-01T10:05:00.000Z",
      "2024-05-01T10:10:00.000Z",
      "2024-05-01T10:20:00.000Z",
    ]);
    expect(report.drifts[1]).toEqual({
      at: "2024-05-01T10:05:00.000Z",
      issue: 3,
      workKind: null,
      pr: null,
      kind: "issue-closed",
      severity: "critical",
      expected: { state: "open" },
      found: { state: "closed" },
      action: "stopped-agent",
      outcome: "work preserved",
      runId: "run-1",
    });
    expect(report.drifts[3]).toMatchObject({ issue: null, runId: null });
    expect(report.summary).toEqual({
      total: 4,
      bySeverity: { critical: 1, moderate: 2, minor: 1 },
      byKind: { "base-ahead": 2, "issue-closed": 1, "pr-merged": 1 },
    });
  });

  it("names the work item each drift happened to: a rework or a landing of the issue's pull request", () => {
    const during = drift(
      { kind: "branch-deleted", severity: "moderate", issueNumber: 3, workItemId: 41 },
      "2024-05-01T10:00:00Z",
    );
    const items = new Map([[41, { kind: "rework" as const, prNumber: 31 }]]);
    const report = readDriftReport({
      listDrifts: () => [during, closed],
      workItem: (id) => items.get(id) as never,
    });
    expect(report.drifts.map((record) => [record.workKind, record.pr])).toEqual([
      ["rework", 31],
      [null, null],
    ]);
  });

  it("keeps drifts recorded in the same millisecond in recording order", () => {
    const first = drift({ kind: "reassigned", severity: "critical" }, "2024-05-01T10:00:00Z");
    const second = drift({ kind: "claim-lost", severity: "critical" }, "2024-05-01T10:00:00Z");
    expect(buildDriftReport([second, first]).drifts.map((record) => record.kind)).toEqual(["reassigned", "claim-lost"]);
  });
});

describe("summariseDrifts", () => {
  it("counts every severity, zero included, and ranks kinds by count then name", () => {
    const summary = summariseDrifts([
      { kind: "pr-merged", severity: "minor" },
      { kind: "branch-deleted", severity: "moderate" },
      { kind: "pr-merged", severity: "minor" },
      { kind: "base-ahead", severity: "moderate" },
    ]);
    expect(summary).toEqual({
      total: 4,
      bySeverity: { critical: 0, moderate: 2, minor: 2 },
      byKind: { "pr-merged": 2, "base-ahead": 1, "branch-deleted": 1 },
    });
    expect(Object.keys(summary.byKind)).toEqual(["pr-merged", "base-ahead", "branch-deleted"]);
  });

  it("is all zeros for no drift", () => {
    expect(summariseDrifts([])).toEqual({ total: 0, bySeverity: { critical: 0, moderate: 0, minor: 0 }, byKind: {} });
  });
});

describe("readDriftReport", () => {
  it("is an empty report when there is no store", () => {
    expect(readDriftReport(undefined, { since: new Date(), issueNumber: 3 })).toEqual({
      drifts: [],
      summary: { total: 0, bySeverity: { critical: 0, moderate: 0, minor: 0 }, byKind: {} },
    });
  });

  it("asks the event log for the drifts since a time on one issue", () => {
    const queries: unknown[] = [];
    const since = new Date("2024-05-01T10:01:00Z");
    const report = readDriftReport(
      {
        listDrifts: (query) => {
          queries.push(query);
          return [closed, merged];
        },
      },
      { since, issueNumber: 3 },
    );
    expect(queries).toEqual([{ since, issueNumber: 3 }]);
    expect(report.summary.total).toBe(2);
  });
});
