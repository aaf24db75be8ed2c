import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initialiseRepository, useSharedWorld } from "../support/e2e-world.js";
import { configureLoop, openCloneStore } from "../support/loop-world.js";
import { cliJson } from "../support/normalise-json.js";

/**
 * The autonomous loop's `--json` outputs as snapshots: spawn's dry run and its summary, then the
 * reports it leaves behind (a failed first attempt is a recovery; one drift is recorded by hand,
 * since a real one needs a person to change GitHub mid-run). One world; the tests run in order.
 */
const currentWorld = useSharedWorld({ beforeAll, afterAll }, async (world) => {
  await initialiseRepository(world);
  world.repo.addIssue({ title: "Fix the login", labels: ["route:ready", "route:priority-high"] });
  world.repo.addIssue({ title: "Add a flag", labels: ["route:ready"] });
  const agent = await configureLoop(world, { verify: ["git", "status", "--short"] });
  await agent.behave(2, "fail");
});
const json = (args: string[], expectedCode = 0) => cliJson(currentWorld(), args, expectedCode);

describe("--json shapes of the loop", () => {
  it("spawn: --dry-run, then the summary of a run through the queue", async () => {
    expect(await json(["spawn", "--autonomous", "--dry-run"])).toMatchSnapshot("spawn --dry-run");
    expect(await json(["spawn", "--autonomous", "--until-empty"])).toMatchSnapshot("spawn summary");
  });

  it("drift-report, recovery-report and continuity-status after the run", async () => {
    const store = openCloneStore(currentWorld());
    try {
      store.recordDrift({
        issueNumber: 1,
        kind: "base-ahead",
        severity: "moderate",
        expected: { commitsBehindBase: "≤ 20" },
        found: { commitsBehindBase: 42 },
        action: "rebased",
        outcome: "corrected",
      });
    } finally {
      store.close();
    }
    expect(await json(["drift-report"])).toMatchSnapshot("drift-report");
    expect(await json(["recovery-report"])).toMatchSnapshot("recovery-report");
    expect(await json(["continuity-status"])).toMatchSnapshot("continuity-status");
  });

  it("report after the run", async () => {
    const report = (await json(["report"])) as Record<string, unknown> & {
      throughput: { series: Array<Record<string, unknown>> };
      cycleTime: { distribution: Array<{ claimToPr: number; prToMerge: number }> };
    };
    // Where the run falls among the hours and the histogram's bins depends on the clock: keep the shape.
    const series = report.throughput.series;
    const distribution = report.cycleTime.distribution;
    expect(series.length).toBeGreaterThanOrEqual(24);
    expect(distribution.reduce((sum, bin) => sum + bin.claimToPr, 0)).toBe(2);
    expect({
      ...report,
      throughput: { ...report.throughput, series: [series[0]] },
      cycleTime: { ...report.cycleTime, distribution: distribution.map((bin) => ({ ...bin, claimToPr: "<count>" })) },
    }).toMatchSnapshot("report");
  });
});
