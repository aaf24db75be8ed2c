import { describe, expect, it } from "vitest";
import { checkStateOf, reviewStateOf } from "../../../../src/domain/review/review-state.js";
import { isReworkStage } from "../../../../src/domain/review/verdict.js";
import { isReworkCommentFor, reworkComment, reworkMarker } from "../../../../src/domain/review/rework-comment.js";
import { HEAD, OLD_HEAD } from "./fixtures.js";

describe("reviewStateOf", () => {
  it("lets each reviewer's latest verdict decide; a later comment does not undo it", () => {
    expect(reviewStateOf([])).toBe("none");
    expect(reviewStateOf([{ author: "ann", state: "COMMENTED" }])).toBe("commented");
    expect(
      reviewStateOf([
        { author: "ann", state: "CHANGES_REQUESTED" },
        { author: "ann", state: "COMMENTED" },
      ]),
    ).toBe("changes-requested");
    expect(
      reviewStateOf([
        { author: "ann", state: "CHANGES_REQUESTED" },
        { author: "ann", state: "APPROVED" },
        { author: "bob", state: "PENDING" },
      ]),
    ).toBe("approved");
    expect(
      reviewStateOf([
        { author: "ann", state: "APPROVED" },
        { author: "bob", state: "CHANGES_REQUESTED" },
      ]),
    ).toBe("changes-requested");
  });
});

describe("checkStateOf", () => {
  it("words the checks' summary as status always has", () => {
    expect(["none", "pending", "passed", "failed"].map((state) => checkStateOf(state as never))).toEqual([
      "none",
      "pending",
      "success",
      "failure",
    ]);
  });
});

describe("isReworkStage", () => {
  it("is true for what the agent reworks, false for waiting, landing and people's stages", () => {
    expect(["ci-failed", "changes-requested", "conflict", "behind-base"].every((s) => isReworkStage(s as never))).toBe(
      true,
    );
    expect(
      [
        "waiting-for-ci",
        "waiting-for-approval-to-run",
        "rework-limit",
        "waiting-for-review",
        "approved",
        "ready-to-land",
      ]
        .map((s) => isReworkStage(s as never))
        .some(Boolean),
    ).toBe(false);
  });
});

describe("the rework comment's marker", () => {
  it("names the head the round pushed, hidden from readers, so a re-run finds its own comment", () => {
    const body = reworkComment({
      agentId: "agent001",
      round: 1,
      maxRounds: 3,
      reasons: [],
      commits: [],
      verify: { kind: "skipped" },
      secrets: [],
      head: HEAD,
    });
    expect(body.trimEnd().endsWith(reworkMarker(HEAD))).toBe(true);
    expect(reworkMarker(HEAD)).toMatch(/^<!-- .* -->$/);
    expect(isReworkCommentFor(body, HEAD)).toBe(true);
    expect(isReworkCommentFor(body, OLD_HEAD)).toBe(false);
  });

  it("is left out when no head is given", () => {
    const body = reworkComment({
      agentId: "agent001",
      round: 1,
      maxRounds: 3,
      reasons: [],
      commits: [],
      verify: { kind: "skipped" },
      secrets: [],
    });
    expect(body).not.toContain("<!--");
  });
});
