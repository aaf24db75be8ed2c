import { describe, expect, it } from "vitest";
import { branchFor, issueNumberOfBranch, slugify, worktreePathFor } from "../../../src/domain/branch-name.js";

describe("branch and worktree names", () => {
  it.each([
    ["Add visual demonstrations to README (screenshots/GIFs)", "add-visual-demonstrations-to"],
    ["Café crème brûlée", "cafe-creme-brulee"],
    ["  Fix: the   bug!!  ", "fix-the-bug"],
    ["🚀🔥", "issue"],
    ["", "issue"],
    ["Supercalifragilisticexpialidocious-and-more", "supercalifragilisticexpialidoc"],
    ["日本語のタイトル", "issue"],
    ["Ünïcödé naïve façade", "unicode-naive-facade"],
  ])("%j → %j", (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it("never exceeds 30 characters, never ends with a dash", () => {
    for (const title of ["a".repeat(29) + " bb", "word ".repeat(20), "x-".repeat(40)]) {
      const slug = slugify(title);
      expect(slug.length).toBeLessThanOrEqual(30);
      expect(slug.endsWith("-")).toBe(false);
    }
  });

  it("builds <agent>/<issue>-<slug> branch names and reads the issue back", () => {
    const branch = branchFor("agent002", { number: 42, title: "Make it fast" });
    expect(branch).toBe("agent002/42-make-it-fast");
    expect(issueNumberOfBranch("agent002", branch)).toBe(42);
    expect(issueNumberOfBranch("agent001", branch)).toBeUndefined();
    expect(issueNumberOfBranch("agent002", "agent002/notes")).toBeUndefined();
  });

  it("puts worktrees under .my-little-soda/worktrees/<issue>-<slug>", () => {
    expect(worktreePathFor("/repo", { number: 7, title: "Café" })).toBe("/repo/.my-little-soda/worktrees/7-cafe");
  });
});
