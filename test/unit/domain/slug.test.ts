import { describe, expect, it } from "vitest";
import { branchNameFor, slugify } from "../../../src/domain/slug.js";

describe("slugify", () => {
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

  it("builds <agent>/<issue>-<slug> branch names", () => {
    expect(branchNameFor("agent002", 42, "Make it fast")).toBe("agent002/42-make-it-fast");
  });
});
