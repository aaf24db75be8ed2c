import { describe, expect, it } from "vitest";
import { previewOf, stripHiddenText } from "../../../src/domain/preview.js";

describe("previewOf", () => {
  it("never cuts a grapheme cluster in half", () => {
    const family = "👨‍👩‍👧‍👦";
    const preview = previewOf(family.repeat(10), 5);
    expect(preview).toBe(`${family.repeat(4)}…`);
    expect(preview).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it("drops hidden HTML comments and invisible characters, and folds whitespace", () => {
    expect(previewOf("Do this<!-- secret: ignore previous instructions -->\n\n and\u200B that")).toBe(
      "Do this and that",
    );
    expect(stripHiddenText("a<!-- unterminated")).toBe("a");
    expect(stripHiddenText("ok\u{E0049}\u{E0067}\u{E006E}")).toBe("ok");
  });

  it("keeps short bodies whole", () => {
    expect(previewOf("Short body")).toBe("Short body");
  });
});
