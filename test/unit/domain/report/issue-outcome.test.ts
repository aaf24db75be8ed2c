import { describe, expect, it } from "vitest";
import { attemptEndOf, issueOutcome, oneLine } from "../../../../src/domain/report/issue-outcome.js";

const item = (id: number, kind: string, state: string) => ({ id, kind, state });

describe("an issue's outcome", () => {
  it("follows its pull request as GitHub has it now", () => {
    const delivered = [item(1, "deliver", "done")];
    expect(issueOutcome({ items: delivered, pull: { state: "closed", merged: true } })).toBe("merged");
    expect(issueOutcome({ items: delivered, pull: { state: "closed", merged: false } })).toBe("pr-closed");
    expect(issueOutcome({ items: delivered, pull: { state: "open", merged: false } })).toBe("in-review");
    // Not listed (over the page GitHub gave): the ledger says it was delivered.
    expect(issueOutcome({ items: delivered })).toBe("in-review");
  });

  it("follows its latest work item before there is a pull request, or while the loop is on it", () => {
    expect(issueOutcome({ items: [item(1, "deliver", "failed"), item(2, "deliver", "escalated")] })).toBe("escalated");
    expect(issueOutcome({ items: [item(2, "deliver", "run-agent"), item(1, "deliver", "failed")] })).toBe(
      "in-progress",
    );
    expect(
      issueOutcome({
        items: [item(1, "deliver", "done"), item(2, "rework", "verify")],
        pull: { state: "open", merged: false },
      }),
    ).toBe("in-progress");
    expect(issueOutcome({ items: [item(1, "deliver", "abandoned")] })).toBe("abandoned");
    expect(issueOutcome({ items: [item(1, "deliver", "failed")] })).toBe("failed");
    // A pull request handed to people after a rework round.
    expect(
      issueOutcome({
        items: [item(1, "deliver", "done"), item(2, "rework", "escalated")],
        pull: { state: "open", merged: false },
      }),
    ).toBe("escalated");
  });
});

describe("how an attempt ended", () => {
  it("reads a failure, an escalation, a hand-over and a drift", () => {
    expect(
      attemptEndOf({ failure: { errorClass: "verify-failure", reason: "npm test exited 1" }, attempts: 1 }),
    ).toEqual({
      errorClass: "verify-failure",
      reason: "npm test exited 1",
    });
    expect(attemptEndOf({ errorClass: "agent-failure", reason: "the agent exited 3", attempts: 2 })).toEqual({
      errorClass: "agent-failure",
      reason: "the agent exited 3",
    });
    expect(attemptEndOf({ reason: "rework rounds spent" })).toEqual({ reason: "rework rounds spent" });
    expect(attemptEndOf({ drift: "issue-closed" })).toEqual({ reason: "critical drift: issue-closed" });
    expect(attemptEndOf(undefined)).toEqual({});
    expect(attemptEndOf({ failure: "not an object" })).toEqual({});
  });

  it("keeps one line of a reason, cut with an ellipsis", () => {
    expect(oneLine("\n  the agent   exited 3\nstack…")).toBe("the agent exited 3");
    expect(oneLine("x".repeat(200), 10)).toBe(`${"x".repeat(9)}…`);
    expect(oneLine("")).toBe("");
  });
});
