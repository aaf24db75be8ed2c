import { describe, expect, it } from "vitest";
import { blockerReferencesIn } from "../../../src/domain/blocker-references.js";

describe("blockerReferencesIn", () => {
  it.each<[string, string, number[]]>([
    ["a plain line", "Blocked by #12", [12]],
    ["depends on, lower case, colon", "depends on: #3", [3]],
    ["a list after the phrase", "- Depends on #3, #4 and #5", [3, 4, 5]],
    ["depends upon", "This depends upon #7.", [7]],
    ["several lines, duplicates once", "Blocked by #2\nalso blocked by #2 and #9", [2, 9]],
    ["the list stops at a new clause", "blocked by #3, see #9 for context", [3]],
    ["a mention is not a dependency", "Related to #4; fixes #5; requires #6", []],
    ["quoted lines are skipped", "> blocked by #8\nnothing here", []],
    ["fenced code is skipped", "```\nblocked by #8\n```\nDepends on #10", [10]],
    ["a number glued to a word is not a reference", "blocked by abc#12", []],
    ["no body text", "", []],
  ])("%s", (_name, body, expected) => {
    expect(blockerReferencesIn(body)).toEqual(expected);
  });

  it("counts issue URLs of this repository only, and only when the repository is known", () => {
    const body = "Blocked by https://github.com/acme/app/issues/21 and https://github.com/other/lib/issues/22";
    expect(blockerReferencesIn(body, { owner: "ACME", repo: "app" })).toEqual([21]);
    expect(blockerReferencesIn(body)).toEqual([]);
  });
});
