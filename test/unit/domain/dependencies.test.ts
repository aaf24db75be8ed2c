import { describe, expect, it } from "vitest";
import { dependencyVerdict, describeWait, type BlockerFact } from "../../../src/domain/dependencies.js";
import { makeIssue } from "../../support/in-memory-tracker.js";

const open = (number: number, labels: string[] = []): BlockerFact => ({
  number,
  open: true,
  isPullRequest: false,
  labels,
});
const closed = (number: number): BlockerFact => ({ number, open: false, isPullRequest: false, labels: [] });

describe("dependencyVerdict", () => {
  it("is clear with no relations and no references", () => {
    expect(dependencyVerdict(makeIssue(1, ["route:ready"]), () => undefined)).toEqual({ kind: "clear" });
  });

  it("is blocked by GitHub's count of open blockers, and by open sub-issues", () => {
    const issue = makeIssue(1, ["route:ready"], { relations: { openBlockers: 2, openSubIssues: 1 } });
    expect(dependencyVerdict(issue, () => undefined)).toEqual({
      kind: "blocked",
      blockers: [
        { via: "github", count: 2 },
        { via: "sub-issues", count: 1 },
      ],
    });
  });

  it("counts only open blockers named in the body; a missing number blocks nothing", () => {
    const issue = makeIssue(5, ["route:ready"], { body: "Blocked by #1, #2, #3 and #5" });
    const facts = new Map<number, BlockerFact | null>([
      [1, closed(1)],
      [2, open(2, ["route:human-only"])],
      [3, null],
    ]);
    expect(dependencyVerdict(issue, (n) => facts.get(n))).toEqual({
      kind: "blocked",
      blockers: [{ via: "body", number: 2, isPullRequest: false, humanOnly: true }],
    });
    facts.set(2, closed(2));
    expect(dependencyVerdict(issue, (n) => facts.get(n))).toEqual({ kind: "clear" });
  });

  it("is unknown while a named blocker has not been read", () => {
    const issue = makeIssue(5, ["route:ready"], { body: "depends on #1 and #2" });
    expect(dependencyVerdict(issue, (n) => (n === 1 ? closed(1) : undefined))).toEqual({
      kind: "unknown",
      references: [2],
    });
  });

  it("words the wait for people", () => {
    expect(
      describeWait([
        { via: "body", number: 2, isPullRequest: false, humanOnly: true },
        { via: "github", count: 1 },
        { via: "sub-issues", count: 3 },
      ]),
    ).toBe(
      "waits for #2 (escalated to people: route:human-only), 1 open issue on GitHub, 3 open sub-issues of its own",
    );
  });
});
