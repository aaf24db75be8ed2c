import { describe, expect, it } from "vitest";
import { peek } from "../../../src/core/peek.js";
import { InMemoryTracker, makeIssue } from "../../support/in-memory-tracker.js";

describe("peek --explain", () => {
  it("says why each of the first queued issues is or is not next", async () => {
    const tracker = new InMemoryTracker([
      makeIssue(1, ["route:ready"]),
      makeIssue(2, ["route:ready", "route:priority-high"], { body: "Blocked by #3" }),
      makeIssue(3, ["route:ready", "route:human-only"]),
      makeIssue(4, ["route:ready", "route:priority-high"]),
      makeIssue(5, ["route:ready", "route:priority-high"], { relations: { openBlockers: 1, openSubIssues: 0 } }),
      makeIssue(6, ["route:ready"], { assignees: ["bob"] }),
      makeIssue(7, ["route:ready"]),
    ]);
    tracker.blockedBy.set(5, [1]);
    const result = await peek({ tracker, count: 1, explain: true });
    expect(
      result.explained?.map(({ number, standing, place, reason }) => ({ number, standing, place, reason })),
    ).toEqual([
      {
        number: 2,
        standing: "waiting",
        place: null,
        reason: "waits for #3 (escalated to people: route:human-only)",
      },
      { number: 4, standing: "next", place: 1, reason: "next: highest priority present (high), oldest at that level" },
      { number: 5, standing: "waiting", place: null, reason: "waits for #1" },
      { number: 1, standing: "queued", place: 2, reason: "after #4: lower priority (none < high)" },
      { number: 3, standing: "not-eligible", place: null, reason: "not eligible: it is labelled route:human-only" },
    ]);
    expect(result.task?.number).toBe(4);
    // The list behind GitHub's count is read for the issue shown, and only for it.
    expect(tracker.calls.filter((call) => call.startsWith("listOpenBlockers"))).toEqual(["listOpenBlockers 5"]);
  });

  it("says when the agent's own place in the top level puts another issue first", async () => {
    const tracker = new InMemoryTracker([1, 2, 3, 4, 5, 6].map((n) => makeIssue(n, ["route:ready"])));
    const result = await peek({ tracker, count: 1, explain: true, agentId: "agent007" });
    // agent007's stable hash puts it at the second of the six (stableHash("agent007") % 6 = 1).
    expect(result.task?.number).toBe(2);
    expect(result.explained?.slice(0, 3).map(({ number, place, reason }) => ({ number, place, reason }))).toEqual([
      { number: 1, place: 6, reason: "same priority as #2; agent007 tries this level from #2 on" },
      {
        number: 2,
        place: 1,
        reason:
          "next for agent007: highest priority present (none); each agent starts at its own place in that level so agents starting together do not race for #1",
      },
      { number: 3, place: 2, reason: "same priority as #2; agent007 tries this level from #2 on" },
    ]);
  });
});
