import { describe, expect, it } from "vitest";
import { readReport } from "../../../../src/core/report/read-report.js";
import { summarizeReport } from "../../../../src/core/report/summarize-report.js";
import { at, github, now, report, since } from "../../../support/report-fixture.js";

/**
 * The report's assembly over a ledger and a GitHub of plain data: what needs you, the figures,
 * the cycle times, and the requests it makes.
 */

describe("readReport", () => {
  it("lists what needs you, most pressing first, each with one line of reason", async () => {
    const { result } = await report();
    expect(result.needsYou.map((item) => [item.kind, item.issue, item.pr, item.reason])).toEqual([
      ["escalated", 3, null, "the agent exited 3"],
      ["spend-stop", null, null, "the loop stopped: max_cost_usd_per_run $5.00 reached: the agents reported $5.10"],
      ["ci-failing", 2, 102, "test failing"],
      ["changes-requested", 4, 104, "by @owner"],
      ["trust-refused", 7, null, "the trust gate refused it: labelled by a reader"],
      ["unfinished", 5, null, "left at run-agent by a run that ended; the next spawn resumes it"],
    ]);
    expect(result.needsYou[0]?.title).toBe("Third <b>");
  });

  it("counts the window's work from the ledger and the pull requests from GitHub", async () => {
    const { result } = await report();
    expect(result.totals).toEqual({
      issuesWorked: 5,
      issuesDelivered: 2,
      prsOpened: 2,
      prsMerged: 1,
      prsClosed: 0,
      escalations: 1,
      reworkRounds: 1,
      failedAttempts: 3,
      drifts: 0,
      recoveries: 0,
      needsYou: 6,
    });
    expect(result.failuresByClass).toEqual([
      { errorClass: "agent-failure", count: 2 },
      { errorClass: "verify-failure", count: 1 },
    ]);
    expect(result.outcomes).toMatchObject({ merged: 1, "in-review": 2, escalated: 1, "in-progress": 1 });
    expect(result.escalations).toEqual([
      {
        issue: 3,
        pr: null,
        title: "Third <b>",
        at: at(100).toISOString(),
        reason: "the agent exited 3",
        errorClass: "agent-failure",
        stillHumanOnly: true,
      },
    ]);
    expect(result.pulls.map((entry) => [entry.number, entry.state, entry.checks, entry.review])).toEqual([
      [101, "merged", null, null],
      [102, "open", "failure", "none"],
      [104, "open", "none", "changes-requested"],
    ]);
  });

  it("measures cycle times from the first claim and GitHub's own times, throughput and the agent's time", async () => {
    const { result } = await report();
    // #1: 10 → 30 min; #2: first claim at 40, delivered at 80.
    expect(result.cycleTime.claimToPr).toMatchObject({ count: 2, medianMs: 30 * 60_000, minMs: 20 * 60_000 });
    expect(result.cycleTime.prToMerge).toMatchObject({ count: 1, medianMs: 60 * 60_000 });
    expect(result.throughput.perHour).toBe(Math.round((2 / 12) * 100) / 100);
    expect(result.throughput.activeMs).toBe(180 * 60_000);
    expect(result.throughput.series).toHaveLength(13);
    expect(result.throughput.series.reduce((sum, bucket) => sum + bucket.delivered, 0)).toBe(2);
    // run-agent: #1 10 min, #2 10 + 27 min, the rework 9 min, #5 from 255 to now.
    expect(result.agent.runs).toBe(5);
    expect(result.agent.timeMs).toBe((10 + 10 + 27 + 9 + (720 - 255)) * 60_000);
    expect(result.agent.costUsd).toBe(0.5);
  });

  it("reads CI for at most ciLimit open pull requests of ours: 2 + 3 × min(open, limit) requests", async () => {
    const small = await report();
    expect(small.calls.filter((call) => call === "pulls" || call.startsWith("issues"))).toHaveLength(2);
    expect(small.calls).toHaveLength(2 + 3 * 2);
    expect(small.result.github).toMatchObject({ requests: 8, ciRead: 2, ciSkipped: 0, pullsListed: 4 });
    expect(small.calls.some((call) => call.endsWith("150") || call.includes("sha150"))).toBe(false);

    const many = await report({ extraOpen: 30, ciLimit: 5 });
    expect(many.calls).toHaveLength(2 + 3 * 5);
    expect(many.result.github).toMatchObject({ requests: 17, ciRead: 5, ciSkipped: 27, ciLimit: 5 });
  });

  it("sums itself up in one line and a few figures", async () => {
    const { result } = await report();
    expect(summarizeReport(result)).toEqual({
      text: "acme/widgets, last 12 h: 2 issues delivered, 1 merged, 1 escalated, 1 rework round, 3 failed attempts, $0.5000 spent · 6 need you",
      figures: {
        since: since.toISOString(),
        until: now.toISOString(),
        issuesDelivered: 2,
        prsMerged: 1,
        escalations: 1,
        reworkRounds: 1,
        failedAttempts: 3,
        needsYou: 6,
        costUsd: 0.5,
        claimToPrMedianMs: 30 * 60_000,
      },
    });
  });

  it("names its window in days, hours, minutes or — for a short run's own window — seconds", async () => {
    const { result } = await report();
    const until = Date.parse(result.window.until);
    const windowOf = (hours: number) => {
      const since = new Date(until - hours * 3_600_000).toISOString();
      return summarizeReport({ ...result, window: { ...result.window, since } }).text.split(":")[0];
    };
    expect([168, 12, 1.5, 0.5, 40 / 3600].map(windowOf)).toEqual([
      "acme/widgets, last 7 d",
      "acme/widgets, last 12 h",
      "acme/widgets, last 1.5 h",
      "acme/widgets, last 30 min",
      "acme/widgets, last 40 s",
    ]);
  });

  it("without a store reads an empty ledger and still asks GitHub only for the two listings", async () => {
    const fake = github();
    const result = await readReport({ store: undefined, ...fake, repository: "acme/widgets", since, now });
    expect(result.totals.issuesWorked).toBe(0);
    expect(result.needsYou).toEqual([]);
    expect(fake.calls).toEqual(["pulls", "issues route:human-only"]);
  });
});
