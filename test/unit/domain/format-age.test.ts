import { describe, expect, it } from "vitest";
import { formatAge } from "../../../src/domain/format-age.js";

describe("formatAge", () => {
  it.each([
    [0, "0 s"],
    [59, "59 s"],
    [60, "1 min"],
    [45 * 60 + 30, "45 min"],
    [2 * 3600, "2 h"],
    [47 * 3600, "47 h"],
    [3 * 86_400, "3 days"],
  ])("%i seconds → %s", (seconds, text) => {
    expect(formatAge(seconds)).toBe(text);
  });
});
