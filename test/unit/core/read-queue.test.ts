import { describe, expect, it } from "vitest";
import { peek } from "../../../src/core/peek.js";
import { readQueue } from "../../../src/core/read-queue.js";
import { InMemoryTracker, makeIssue } from "../../support/in-memory-tracker.js";

describe("readQueue", () => {
  it("reads a short queue in two requests and counts it exactly", async () => {
    const tracker = new InMemoryTracker([
      makeIssue(1, ["route:ready"]),
      makeIssue(2, ["route:ready", "route:priority-high"]),
      makeIssue(3, ["route:unblocker"]),
      makeIssue(4, ["route:ready", "route:human-only"]),
    ]);
    const result = await peek({ tracker, count: 5 });
    expect(result.tasks.map((t) => t.number)).toEqual([3, 2, 1]);
    expect(result.queueDepth).toBe(3);
    expect(tracker.calls).toHaveLength(2);
  });

  it("asks who the viewer is only when a candidate is assigned", async () => {
    const tracker = new InMemoryTracker([
      makeIssue(1, ["route:ready"], { assignees: ["me"] }),
      makeIssue(2, ["route:ready"]),
    ]);
    const result = await peek({ tracker, count: 1 });
    expect(result.task?.number).toBe(1);
    expect(tracker.calls.filter((call) => call === "getViewer")).toHaveLength(1);
  });

  it("reads a long queue's levels together (one round trip) and takes the first level with an eligible issue", async () => {
    const issues = [];
    for (let n = 1; n <= 250; n++) issues.push(makeIssue(n, ["route:ready"]));
    issues.push(makeIssue(300, ["route:ready", "route:priority-high"], { assignees: ["bob"] }));
    issues.push(makeIssue(301, ["route:ready", "route:priority-high"]));
    issues.push(makeIssue(302, ["route:ready", "route:priority-medium"]));
    const tracker = new InMemoryTracker(issues);
    const queue = await readQueue(tracker, { want: 1 });
    expect(queue.complete).toBe(false);
    expect(queue.tasks[0]?.number).toBe(301);
    expect(tracker.calls).toEqual([
      "listOpenIssues route:unblocker p1",
      "listOpenIssues route:ready p1",
      "listOpenIssues route:ready,route:priority-very-high p1",
      "listOpenIssues route:ready,route:priority-high p1",
      "listOpenIssues route:ready,route:priority-medium p1",
      "listOpenIssues route:ready,route:priority-low p1",
      "getViewer",
    ]);
    // #302 (medium) was read but is not taken before the high level's #301.
    expect(queue.tasks.map((task) => task.number)).toEqual([301]);
  });

  it("falls back to the oldest unprioritised issues when no level has one", async () => {
    const issues = [];
    for (let n = 1; n <= 150; n++) issues.push(makeIssue(n, ["route:ready"], n === 1 ? { assignees: ["bob"] } : {}));
    const tracker = new InMemoryTracker(issues);
    const result = await peek({ tracker, count: 2 });
    expect(result.tasks.map((t) => t.number)).toEqual([2, 3]);
    expect(result.queueDepth).toBeNull();
    expect(tracker.calls.length).toBeLessThanOrEqual(7);
  });

  it("costs the same number of requests at 2,000 and 10,000 ready issues", async () => {
    const counts = [];
    for (const size of [2_000, 10_000]) {
      const issues = Array.from({ length: size }, (_, i) => makeIssue(i + 1, ["route:ready"]));
      const tracker = new InMemoryTracker(issues);
      await peek({ tracker, count: 1 });
      counts.push(tracker.calls.length);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(7);
  });
});
