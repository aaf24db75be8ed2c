import { describe, expect, it } from "vitest";
import { detectDrift, type DriftExpectation, type DriftObservation } from "../../../src/domain/drift.js";

const expect_: DriftExpectation = {
  login: "alice",
  agentLabel: "agent001",
  branch: "agent001/7-fix",
  maxCommitsBehindBase: 2,
};
const calm: DriftObservation = {
  issue: { state: "open", labels: ["agent001", "bug"], assignees: ["alice"] },
  claim: { holder: "us" },
};
const kinds = (seen: DriftObservation, expectation: DriftExpectation = expect_) =>
  detectDrift(expectation, seen).map((drift) => `${drift.kind}:${drift.severity}`);

describe("detectDrift", () => {
  it("finds nothing when the issue shows exactly our claim, whatever other labels people add", () => {
    expect(kinds(calm)).toEqual([]);
    expect(
      kinds({
        ...calm,
        issue: {
          state: "open",
          labels: ["question", "agent001", "bug", "good first issue"],
          assignees: ["alice", "carol"],
        },
      }),
    ).toEqual([]);
  });

  it("grades what people change on the issue", () => {
    expect(kinds({ ...calm, issue: { state: "closed", labels: ["agent001"], assignees: ["alice"] } })).toEqual([
      "issue-closed:critical",
    ]);
    expect(kinds({ ...calm, issue: null })).toEqual(["issue-deleted:critical"]);
    expect(kinds({ ...calm, issue: { state: "open", labels: ["agent001"], assignees: ["bob"] } })).toEqual([
      "reassigned:critical",
    ]);
    expect(
      kinds({ ...calm, issue: { state: "open", labels: ["agent001", "route:human-only"], assignees: ["alice"] } }),
    ).toEqual(["human-only-added:critical"]);
    expect(kinds({ ...calm, issue: { state: "open", labels: ["bug"], assignees: ["alice"] } })).toEqual([
      "agent-label-removed:moderate",
    ]);
    expect(
      kinds({ ...calm, issue: { state: "open", labels: ["agent001", "route:ready"], assignees: ["alice"] } }),
    ).toEqual(["ready-label-added:moderate"]);
  });

  it("a closed issue whose PR was merged is the goal reached, not drift", () => {
    expect(
      kinds(
        {
          ...calm,
          issue: { state: "closed", labels: ["route:review"], assignees: ["alice"] },
          pull: { state: "closed", merged: true },
        },
        { ...expect_, prNumber: 9 },
      ),
    ).toEqual(["pr-merged:minor"]);
  });

  it("grades the claim, the pushed branch and the PR", () => {
    expect(kinds({ ...calm, claim: { holder: "none" } })).toEqual(["claim-lost:critical"]);
    expect(kinds({ ...calm, claim: { holder: "other", agent: "agent002" } })).toEqual(["claim-taken-over:critical"]);
    const pushed = { ...expect_, pushedSha: "abc" };
    expect(kinds({ ...calm, remoteBranch: { head: null, containsPushed: false } }, pushed)).toEqual([
      "branch-deleted:moderate",
    ]);
    expect(kinds({ ...calm, remoteBranch: { head: "def", containsPushed: false } }, pushed)).toEqual([
      "branch-rewritten:critical",
    ]);
    expect(kinds({ ...calm, remoteBranch: { head: "def", containsPushed: true } }, pushed)).toEqual([]);
    // Before our first push the remote branch is nobody's business.
    expect(kinds({ ...calm, remoteBranch: { head: null, containsPushed: false } })).toEqual([]);
    expect(kinds({ ...calm, pull: { state: "closed", merged: false } }, { ...expect_, prNumber: 9 })).toEqual([
      "pr-closed:critical",
    ]);
  });

  it("the base may move up to the limit; the worktree must stay on the branch", () => {
    expect(kinds({ commitsBehindBase: 2, worktreeBranch: "agent001/7-fix" })).toEqual([]);
    expect(kinds({ commitsBehindBase: 3, worktreeBranch: "agent001/7-fix" })).toEqual(["base-ahead:moderate"]);
    expect(kinds({ worktreeBranch: "main" })).toEqual(["worktree-wrong-branch:moderate"]);
  });
});
