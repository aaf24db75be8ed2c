import { describe, expect, it } from "vitest";
import { describeWorkKind } from "../../../src/cli/render/report-format.js";

describe("describeWorkKind", () => {
  it("says nothing for a delivery, names the pull request of a rework or a landing", () => {
    expect(describeWorkKind({ kind: "deliver", pr: 31 })).toBe("");
    expect(describeWorkKind({ kind: null, pr: null })).toBe("");
    expect(describeWorkKind({ kind: "rework", pr: 31, round: 2 })).toBe(" (rework round 2 of PR #31)");
    expect(describeWorkKind({ kind: "rework", pr: 31 })).toBe(" (rework of PR #31)");
    expect(describeWorkKind({ kind: "land", pr: null })).toBe(" (landing its pull request)");
  });
});
