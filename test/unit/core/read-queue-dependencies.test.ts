import { describe, expect, it } from "vitest";
import { readQueue } from "../../../src/core/read-queue.js";
import { InMemoryTracker, makeIssue } from "../../support/in-memory-tracker.js";

describe("readQueue and dependencies", () => {
  it("leaves out issues blocked by open issues, without a read when the blocker is in the listing", async () => {
    const tracker = new InMemoryTracker([
      makeIssue(1, ["route:ready"], { body: "Blocked by #2" }),
      makeIssue(2, ["route:ready"]),
      makeIssue(3, ["route:ready"], { relations: { openBlockers: 1, openSubIssues: 0 } }),
      makeIssue(4, ["route:ready"], { relations: { openBlockers: 0, openSubIssues: 2 } }),
    ]);
    const queue = await readQueue(tracker, { want: 1 });
    expect(queue.tasks.map((issue) => issue.number)).toEqual([2]);
    expect(queue.waiting.map((wait) => wait.issue.number)).toEqual([1, 3, 4]);
    expect(queue.byPriority[0]).toBe(1);
    expect(tracker.calls.some((call) => call.startsWith("readIssueStates"))).toBe(false);
  });

  it("reads blockers outside the listing once, for every issue at the same time", async () => {
    const tracker = new InMemoryTracker([
      makeIssue(1, [], { state: "closed" }),
      makeIssue(2, ["route:review"]),
      makeIssue(3, ["route:ready"], { body: "depends on #1" }),
      makeIssue(4, ["route:ready"], { body: "depends on #2 and #1" }),
      makeIssue(5, ["route:ready"], { body: "blocked by #99" }),
    ]);
    const queue = await readQueue(tracker, { want: 1 });
    expect(queue.tasks.map((issue) => issue.number)).toEqual([3, 5]);
    expect(queue.waiting).toEqual([
      expect.objectContaining({ blockers: [{ via: "body", number: 2, isPullRequest: false, humanOnly: false }] }),
    ]);
    expect(tracker.calls.filter((call) => call.startsWith("readIssueStates"))).toEqual(["readIssueStates 1,2,99"]);
  });

  it("in a long queue, goes on to the next level when the first one's issues all wait", async () => {
    const issues = [];
    for (let n = 1; n <= 150; n++) issues.push(makeIssue(n, ["route:ready"]));
    issues.push(
      makeIssue(200, ["route:ready", "route:priority-high"], { relations: { openBlockers: 1, openSubIssues: 0 } }),
    );
    issues.push(makeIssue(201, ["route:ready", "route:priority-medium"], { body: "blocked by #1" }));
    issues.push(makeIssue(202, ["route:ready", "route:priority-medium"]));
    const tracker = new InMemoryTracker(issues);
    const queue = await readQueue(tracker, { want: 1 });
    expect(queue.tasks[0]?.number).toBe(202);
    expect(queue.byPriority[3]).toBe(0); // high: #200 waits
    expect(queue.byPriority[2]).toBe(1); // medium: #202 (#201 waits)
    // #1 is in the oldest ready page: open, so #201 waits with no read of its blocker.
    expect(tracker.calls.some((call) => call.startsWith("readIssueStates"))).toBe(false);
  });
});
