import { describe, expect, it } from "vitest";
import type { OpenPullRequest } from "../../../../src/core/review-ports.js";
import type { ReworkClaimPlan } from "../../../../src/core/rework/plan-rework.js";
import { planReworkWrites } from "../../../../src/core/rework/plan-rework-writes.js";
import type { ReworkDeliveryPlan } from "../../../../src/core/rework/plan-rework-delivery.js";
import { planReworkDeliveryWrites } from "../../../../src/core/rework/plan-rework-delivery-writes.js";
import { withConflictFiles } from "../../../../src/core/review/update-rework-branch.js";
import type { ReviewAssessment, ReworkReason } from "../../../../src/domain/review/verdict.js";

const BRANCH = "agent001/12-fix-the-login";

const pull: OpenPullRequest = {
  number: 31,
  url: "https://github.com/acme/widgets/pull/31",
  title: "Fix the login",
  headBranch: BRANCH,
  headSha: "5f2c9e1a7b3d4c6e8f0a1b2c3d4e5f6a7b8c9d0e",
  baseBranch: "main",
  labels: ["route:review"],
  draft: false,
  author: "alice",
  updatedAt: new Date("2026-03-02T10:05:00Z"),
};

function assessment(reasons: ReworkReason[]): ReviewAssessment {
  return {
    stage: reasons[0]?.kind ?? "waiting-for-review",
    reasons,
    approvals: [],
    requiredApprovals: 1,
    pendingChecks: [],
    awaitingApprovalChecks: [],
    blockers: [],
    changesRequestedBy: [],
  };
}

function claimPlan(overrides: Partial<ReworkClaimPlan> = {}): ReworkClaimPlan {
  return {
    login: "alice",
    root: "/repo",
    own: { pull, issueNumber: 12 },
    assessment: assessment([{ kind: "ci-failed", checks: [] }]),
    round: 2,
    maxRounds: 3,
    worktree: false,
    localBranch: false,
    ...overrides,
  };
}

describe("planReworkWrites", () => {
  it("claims like the loop, then makes the branch from the pushed one", () => {
    expect(planReworkWrites(claimPlan(), "agent001")).toEqual([
      { system: "github", action: "create-lease-commit", agent: "agent001", login: "alice" },
      {
        system: "github",
        action: "create-ref",
        ref: "refs/my-little-soda/claims/12",
        issue: 12,
        candidates: 1,
      },
      { system: "git", action: "fetch", remote: "origin", branch: "main" },
      { system: "git", action: "fetch", remote: "origin", branch: BRANCH },
      { system: "git", action: "create-branch", branch: BRANCH, startPoint: `origin/${BRANCH}` },
    ]);
  });

  it("checks out a local branch and brings it level; merges the base for a conflict or a base that moved", () => {
    const writes = planReworkWrites(
      claimPlan({
        localBranch: true,
        assessment: assessment([{ kind: "conflict", baseBranch: "main", files: [] }]),
      }),
      "agent001",
    );
    expect(writes.slice(4)).toEqual([
      { system: "git", action: "checkout", branch: BRANCH },
      { system: "git", action: "update-branch", branch: BRANCH, upstream: `origin/${BRANCH}` },
      { system: "git", action: "merge", branch: BRANCH, upstream: "origin/main" },
    ]);
  });

  it("uses a worktree named after the branch with --worktree", () => {
    expect(planReworkWrites(claimPlan({ worktree: true }), "agent001")[4]).toEqual({
      system: "git",
      action: "add-worktree",
      path: "/repo/.my-little-soda/worktrees/12-fix-the-login",
      branch: BRANCH,
      startPoint: `origin/${BRANCH}`,
    });
  });
});

describe("planReworkDeliveryWrites", () => {
  const rework: ReworkDeliveryPlan = {
    kind: "rework",
    pull: { number: 31, url: pull.url, draft: false },
    issue: 12,
    branch: BRANCH,
    baseBranch: "main",
    checkedOut: true,
    remoteHead: pull.headSha,
    commits: [{ sha: "a".repeat(40), subject: "Fix it" }],
    stage: "changes-requested",
    reasons: [],
    changesRequestedBy: ["owner"],
    round: 1,
    maxRounds: 3,
    claimHeld: true,
  };
  const settings = { verify: ["npm", "test"], noVerify: false, returnToBase: true };

  it("verifies, pushes, comments once, asks for review again, releases and goes back", () => {
    expect(planReworkDeliveryWrites(rework, settings).map((write) => `${write.system} ${write.action}`)).toEqual([
      "local run",
      "git push",
      "github create-comment",
      "github request-reviewers",
      "github delete-ref",
      "git checkout",
    ]);
  });

  it("after a complete round: only what is left to release", () => {
    const already: ReworkDeliveryPlan = {
      kind: "already",
      pull: rework.pull,
      issue: 12,
      branch: BRANCH,
      baseBranch: "main",
      checkedOut: false,
      remoteHead: pull.headSha,
      comment: "https://github.com/acme/widgets/pull/31#issuecomment-1",
      claimHeld: false,
    };
    expect(planReworkDeliveryWrites(already, settings)).toEqual([]);
    expect(
      planReworkDeliveryWrites(
        { ...rework, changesRequestedBy: [], claimHeld: false },
        { ...settings, noVerify: true },
      ),
    ).toEqual([
      { system: "git", action: "push", remote: "origin", branch: BRANCH, commits: 1 },
      { system: "github", action: "create-comment", number: 31, purpose: "rework-summary" },
      { system: "git", action: "checkout", branch: "main" },
    ]);
  });
});

describe("withConflictFiles", () => {
  it("fills the files git could not merge into the conflict reason only", () => {
    const reasons: ReworkReason[] = [
      { kind: "conflict", baseBranch: "main", files: [] },
      { kind: "behind-base", baseBranch: "main" },
    ];
    expect(withConflictFiles(reasons, ["a.ts"])).toEqual([
      { kind: "conflict", baseBranch: "main", files: ["a.ts"] },
      { kind: "behind-base", baseBranch: "main" },
    ]);
    expect(withConflictFiles(reasons, [])).toEqual(reasons);
  });
});
