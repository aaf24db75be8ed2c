import { describe, expect, it } from "vitest";
import type { ReviewView } from "../../../src/core/status/status-report.js";
import { describeReviewStage } from "../../../src/cli/render/review-stage-words.js";

function view(overrides: Partial<ReviewView>): ReviewView {
  return {
    number: 31,
    title: "Fix the login redirect loop",
    url: "https://github.com/acme/widgets/pull/31",
    branch: "agent001/12-fix-the-login",
    draft: false,
    review: "none",
    checks: "none",
    agent: "agent001",
    issue: 12,
    baseBranch: "main",
    stage: "waiting-for-review",
    reasons: [],
    approvals: [],
    requiredApprovals: 1,
    pendingChecks: [],
    awaitingApprovalChecks: [],
    blockers: [],
    changesRequestedBy: [],
    reworkRounds: 0,
    maxReworkRounds: 3,
    reworkInProgress: null,
    ...overrides,
  };
}

describe("describeReviewStage", () => {
  it.each<[Partial<ReviewView>, string]>([
    [{ stage: "waiting-for-ci", pendingChecks: ["build", "test"] }, "⏳ waiting for CI (build, test)"],
    [{ stage: "waiting-for-ci" }, "⏳ waiting for CI"],
    [
      { stage: "waiting-for-approval-to-run", awaitingApprovalChecks: ["deploy"] },
      "⏸️  waiting for approval to run CI (deploy)",
    ],
    [{ stage: "ci-failed", reasons: ["CI failed (lint)"] }, "❌ CI failed (lint)"],
    [
      {
        stage: "changes-requested",
        reasons: ["changes requested by @owner (2 line comments)", "behind main"],
      },
      "✍️  changes requested by @owner (2 line comments); behind main",
    ],
    [{ stage: "conflict", reasons: ["merge conflict with main"] }, "💥 merge conflict with main"],
    [{ stage: "behind-base", reasons: ["behind main"] }, "⏪ behind main"],
    [
      { stage: "rework-limit", reasons: ["CI failed (test)"], reworkRounds: 3 },
      "🛑 rework rounds spent (3 of 3), a person takes over: CI failed (test)",
    ],
    [{ stage: "waiting-for-review" }, "👀 waiting for review (0 of 1 approval)"],
    [
      { stage: "waiting-for-review", requiredApprovals: 2, approvals: ["ann"] },
      "👀 waiting for review (1 of 2 approvals)",
    ],
    [{ stage: "waiting-for-review", draft: true }, "📝 draft: waiting for it to be marked ready"],
    [
      { stage: "approved", approvals: ["ann", "bob"], blockers: ["no auto_merge"] },
      "✅ approved by @ann, @bob; not landing yet: no auto_merge",
    ],
    [{ stage: "ready-to-land" }, "🚀 ready to land"],
    [{ stage: "handed-to-people" }, "🙋 handed to people (route:human-only)"],
    [
      { stage: "handed-to-people", reasons: ["CI failed (test)"] },
      "🙋 handed to people (route:human-only); still open: CI failed (test)",
    ],
    [{ stage: "unreadable", blockers: ["403 on check runs"] }, "❓ could not be assessed: 403 on check runs"],
  ])("%j → %s", (overrides, words) => {
    expect(describeReviewStage(view(overrides))).toBe(words);
  });

  it("adds the rework round in progress, or the rounds done", () => {
    expect(describeReviewStage(view({ stage: "ci-failed", reasons: ["CI failed (test)"], reworkInProgress: 2 }))).toBe(
      "❌ CI failed (test) · rework 2 of 3 in progress",
    );
    expect(describeReviewStage(view({ stage: "waiting-for-ci", pendingChecks: ["test"], reworkRounds: 1 }))).toBe(
      "⏳ waiting for CI (test) · rework 1 of 3 done",
    );
  });
});
