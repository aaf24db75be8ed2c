import { describe, expect, it } from "vitest";
import { unmergedReason } from "../../../../src/core/reset/examine-branches.js";

describe("unmergedReason", () => {
  it("says how many commits are unmerged and whether they are pushed", () => {
    expect(unmergedReason(3, "origin/main", "agent001/4-x", null)).toBe(
      "3 commits not merged into origin/main, not pushed (no origin/agent001/4-x)",
    );
    expect(unmergedReason(1, "origin/main", "agent001/4-x", 1)).toBe(
      "1 commit not merged into origin/main, 1 not pushed to origin/agent001/4-x",
    );
    expect(unmergedReason(2, "origin/dev", "agent001/4-x", 0)).toBe(
      "2 commits not merged into origin/dev (pushed to origin/agent001/4-x)",
    );
  });
});
