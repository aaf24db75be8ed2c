import { describe, expect, it } from "vitest";
import { ineligibilityOf } from "../../../src/domain/eligibility.js";
import type { Issue } from "../../../src/domain/issue.js";
import { makeIssue } from "../../support/in-memory-tracker.js";
import { labelConflictsOf } from "../../../src/domain/label-conflicts.js";
import { sortByQueueOrder } from "../../../src/domain/queue-order.js";
import { priorityOf } from "../../../src/domain/priority.js";

/** Issues created in number order, a minute apart, so "older" follows the number. */
const issue = (number: number, labels: string[], extra: Partial<Issue> = {}): Issue =>
  makeIssue(number, labels, { createdAt: new Date(Date.UTC(2026, 0, number)), ...extra });

describe("eligibility (design §2)", () => {
  it.each<[string, Issue, ReturnType<typeof ineligibilityOf>]>([
    ["ready and free", issue(1, ["route:ready"]), null],
    ["unblocker without route:ready", issue(2, ["route:unblocker"]), null],
    ["no queue label", issue(3, ["bug"]), "not-queued"],
    ["closed", issue(4, ["route:ready"], { state: "closed" }), "closed"],
    ["a pull request", issue(5, ["route:ready"], { isPullRequest: true }), "pull-request"],
    ["in review", issue(6, ["route:ready", "route:review"]), "in-review"],
    ["human only", issue(7, ["route:unblocker", "route:human-only"]), "human-only"],
    ["claimed by an agent", issue(8, ["route:ready", "agent007"]), "claimed"],
    ["assigned to someone else", issue(9, ["route:ready"], { assignees: ["bob"] }), "assigned-to-someone-else"],
    ["assigned to the viewer only", issue(10, ["route:ready"], { assignees: ["me"] }), null],
    [
      "assigned to the viewer and another",
      issue(11, ["route:ready"], { assignees: ["me", "bob"] }),
      "assigned-to-someone-else",
    ],
  ])("%s", (_name, candidate, reason) => {
    expect(ineligibilityOf(candidate, "me")).toBe(reason);
  });

  it("does not treat look-alike labels as agent labels", () => {
    expect(ineligibilityOf(issue(1, ["route:ready", "agent", "agentx1", "my-agent001"]), "me")).toBeNull();
  });
});

describe("queue order", () => {
  it("orders unblocker, very-high … low, none; then oldest; then number", () => {
    const sameDay = new Date(Date.UTC(2026, 0, 1));
    const issues = [
      issue(1, ["route:ready"]),
      issue(2, ["route:ready", "route:priority-low"]),
      issue(3, ["route:ready", "route:priority-very-high"]),
      issue(4, ["route:unblocker"]),
      issue(5, ["route:ready", "route:priority-high"]),
      issue(6, ["route:ready", "route:priority-medium"]),
      issue(8, ["route:ready", "route:priority-high"], { createdAt: sameDay }),
      issue(7, ["route:ready", "route:priority-high"], { createdAt: sameDay }),
    ];
    expect(sortByQueueOrder(issues).map((i) => i.number)).toEqual([4, 3, 7, 8, 5, 6, 2, 1]);
  });

  it("takes the highest of several priority labels", () => {
    expect(priorityOf(["route:priority-low", "route:priority-high"])).toBe(3);
  });
});

describe("label conflicts", () => {
  it("flags an agent label together with route:ready, and several agents", () => {
    expect(labelConflictsOf({ labels: ["route:ready", "agent001"] })).toEqual([
      "claimed by agent001 but still labelled route:ready",
    ]);
    expect(labelConflictsOf({ labels: ["agent001", "agent002"] })).toHaveLength(1);
    expect(labelConflictsOf({ labels: ["route:review", "route:ready"] })).toHaveLength(1);
    expect(labelConflictsOf({ labels: ["route:ready", "route:priority-high"] })).toEqual([]);
  });
});
