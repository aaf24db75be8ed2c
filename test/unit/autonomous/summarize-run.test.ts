import { describe, expect, it } from "vitest";
import { summarizeRun, type SummarizeRunDeps } from "../../../src/autonomous/notify/summarize-run.js";
import type { LoopSummary } from "../../../src/autonomous/loop-types.js";
import { FakeTime } from "../../support/fake-time.js";
import { github, ledger, now } from "../../support/report-fixture.js";

const run: LoopSummary = {
  runId: "run-1",
  outcome: "completed",
  reason: "the queue is empty",
  issues: [],
  exitCode: 0,
};

function deps(overrides: Partial<SummarizeRunDeps> = {}): SummarizeRunDeps {
  const { store } = ledger();
  const fake = github();
  return {
    store: {
      ...store,
      run: (id) => store.runsSince(now).find((recorded) => recorded.id === id),
    },
    github: { tracker: fake.tracker, review: fake.review },
    repository: "acme/widgets",
    now: () => now,
    sleep: async () => undefined,
    reportTimeoutMs: 5_000,
    ...overrides,
  };
}

describe("summarizeRun (the run-finished notification's summary)", () => {
  it("carries the report over the run's window, and stops its timer once the report is in", async () => {
    const signals: AbortSignal[] = [];
    const summary = await summarizeRun(
      deps({ sleep: (_ms, signal) => (signal && signals.push(signal), new Promise<void>(() => undefined)) }),
      run,
    );
    expect(summary.report?.text).toMatch(/^acme\/widgets, last /);
    expect(summary.report?.figures.since).toBe("2024-05-01T00:10:00.000Z"); // run-1's start
    // A timer left running would keep the finished process alive for the whole timeout.
    expect(signals.map((signal) => signal.aborted)).toEqual([true]);
  });

  it("goes without the report when GitHub does not answer within the timeout", async () => {
    const time = new FakeTime();
    const silent = github();
    silent.review.listRecentPullRequests = () => new Promise(() => undefined);
    const summary = await time.settle(
      summarizeRun(deps({ sleep: time.sleep, github: { tracker: silent.tracker, review: silent.review } }), run),
    );
    expect(summary.report).toBeNull();
    expect(summary.outcome).toBe("completed");
    expect(time.fired).toEqual([5_000]);
  });
});
