import { describe, expect, it } from "vitest";
import { reworkComment, reworkLimitComment } from "../../../../src/domain/review/rework-comment.js";
import type { ReworkReason } from "../../../../src/domain/review/verdict.js";
import { lineComment } from "./fixtures.js";

const reasons: ReworkReason[] = [
  { kind: "conflict", baseBranch: "main", files: ["src/auth/redirect.ts"] },
  {
    kind: "ci-failed",
    checks: [{ name: "test", conclusion: "failure", output: "FAIL", source: "job-log", url: "https://x/job/1" }],
  },
  {
    kind: "changes-requested",
    reviews: [{ author: "owner", body: "Reject absolute URLs." }],
    lineComments: [lineComment("owner", "Use URL().", "2026-03-02T10:20:00Z")],
    conversation: [],
  },
  { kind: "behind-base", baseBranch: "main" },
];

const commits = [
  { sha: "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", subject: "Merge branch 'main' into agent001/12-fix-the-login" },
  { sha: "b2c3d4e5f60718293a4b5c6d7e8f9012345678a1", subject: "Reject absolute URLs in the redirect target" },
];

const base = {
  agentId: "agent001",
  round: 1,
  maxRounds: 3,
  reasons,
  commits,
  verify: { kind: "passed" as const, command: "npm test", seconds: 42.04 },
  secrets: [],
};

describe("reworkComment", () => {
  it("names the agent and round, one line per reason, the new commits and the verify result", () => {
    expect(reworkComment(base)).toBe(
      [
        "🥤 **my-little-soda reworked this pull request**: agent001, round 1 of 3.",
        "",
        "- merge conflict with main (1 file): resolved",
        "- CI failed (test): addressed",
        "- changes requested by @owner (1 line comment): addressed",
        "- behind main: branch updated",
        "",
        "New commits:",
        "- a1b2c3d Merge branch 'main' into agent001/12-fix-the-login",
        "- b2c3d4e Reject absolute URLs in the redirect target",
        "",
        "Verification: ✅ `npm test` passed in 42.0 s.",
        "",
      ].join("\n"),
    );
  });

  it("shows at most the last 10 commits and counts the rest", () => {
    const many = Array.from({ length: 13 }, (_, i) => ({ sha: `${i}`.padStart(7, "0") + "abc", subject: `Step ${i}` }));
    const body = reworkComment({ ...base, commits: many });
    expect(body).toContain("- … 3 earlier\n- 0000003 Step 3\n");
    expect(body).toContain("- 0000012 Step 12\n");
    expect(body).not.toContain("Step 2\n");
  });

  it("says when verification was skipped or is not configured, and when there were no commits", () => {
    expect(reworkComment({ ...base, verify: { kind: "skipped" } })).toContain("Verification: ⏭️ Skipped");
    const body = reworkComment({ ...base, commits: [], verify: { kind: "not-configured" } });
    expect(body).toContain("No new commits.");
    expect(body).toContain("Verification: No verify command is configured");
  });

  it("never carries the token or anything shaped like one", () => {
    const body = reworkComment({
      ...base,
      commits: [{ sha: "c3d4e5f6", subject: "Use s3cr3t-value-123 and ghp_abcdefghijklmnopqrstuvwxyz0123456789" }],
      secrets: ["s3cr3t-value-123"],
    });
    expect(body).not.toContain("s3cr3t-value-123");
    expect(body).not.toContain("ghp_abcdefghijklmnopqrstuvwxyz0123456789");
  });
});

describe("reworkLimitComment", () => {
  it("says the rounds are spent, what is still open and where the branch is", () => {
    expect(
      reworkLimitComment({
        agentId: "agent001",
        cause: { kind: "rounds-spent", rounds: 3 },
        reasons: reasons.slice(1, 3),
        branch: "agent001/12-fix-the-login",
        secrets: [],
      }),
    ).toBe(
      [
        "🥤 **my-little-soda handed this pull request to a person** (`route:human-only`).",
        "",
        "agent001 has used all 3 rework rounds on this pull request.",
        "",
        "Still open:",
        "- CI failed (test)",
        "- changes requested by @owner (1 line comment)",
        "",
        "The work is on the branch `agent001/12-fix-the-login`. my-little-soda leaves this pull request alone while it is labelled `route:human-only`.",
        "",
      ].join("\n"),
    );
  });

  it("says the agent failed, in which round, and redacts the detail", () => {
    const body = reworkLimitComment({
      agentId: "agent002",
      cause: {
        kind: "agent-failed",
        round: 1,
        maxRounds: 1,
        detail: "the agent exited 1 (token ghp_abcdefghijklmnopqrstuvwxyz0123456789 rejected)",
      },
      reasons: [],
      branch: "agent002/7-add-dark-mode",
      secrets: [],
    });
    expect(body).toContain("agent002's rework (round 1 of 1) failed: the agent exited 1 (token *** rejected).");
    expect(body).not.toContain("Still open:");
    expect(body).toContain("`agent002/7-add-dark-mode`");
  });
});
