import { describe, expect, it } from "vitest";
import { detectQuota, readResetTime } from "../../../src/domain/agent-quota.js";

const NOW = new Date(2026, 11, 3, 10, 0, 0); // local time: clock times are read in the machine's zone

describe("detectQuota", () => {
  it("recognises Claude Code's usage limit, with its epoch reset", () => {
    const hit = detectQuota("working…\nClaude AI usage limit reached|1780000000\n", NOW);
    expect(hit).toEqual({ line: "Claude AI usage limit reached|1780000000", resetAt: new Date(1_780_000_000_000) });
  });

  it("recognises Claude Code's '5-hour limit reached ∙ resets 3pm': the next 3 pm", () => {
    expect(detectQuota("5-hour limit reached ∙ resets 3pm", NOW)?.resetAt).toEqual(new Date(2026, 11, 3, 15, 0, 0));
    // 9 am has passed today: tomorrow's.
    expect(detectQuota("You've hit your limit · resets 9am", NOW)?.resetAt).toEqual(new Date(2026, 11, 4, 9, 0, 0));
  });

  it("recognises Codex's usage and rate limits, with a relative reset", () => {
    expect(detectQuota("You've hit your usage limit. Try again in 2 hours 5 minutes.", NOW)?.resetAt).toEqual(
      new Date(NOW.getTime() + (2 * 60 + 5) * 60_000),
    );
    expect(detectQuota("Rate limit reached for gpt-5. Please try again in 20s.", NOW)?.resetAt).toEqual(
      new Date(NOW.getTime() + 20_000),
    );
    expect(detectQuota("stream error: exceeded retry limit, last status: 429 Too Many Requests", NOW)).toEqual({
      line: "stream error: exceeded retry limit, last status: 429 Too Many Requests",
      resetAt: undefined,
    });
  });

  it("takes configured patterns instead of the defaults", () => {
    expect(detectQuota("usage limit reached", NOW, ["^QUOTA:"])).toBeUndefined();
    expect(detectQuota("QUOTA: out until 2026-12-03T10:00:05Z", NOW, ["^QUOTA:"])?.resetAt).toEqual(
      new Date("2026-12-03T10:00:05Z"),
    );
  });

  it("is undefined for ordinary output, failures included", () => {
    expect(detectQuota("Error: tests failed\nthe limit of 3 retries was reached in a loop", NOW)).toBeUndefined();
  });
});

describe("readResetTime", () => {
  it("reads 24-hour clock times and refuses a bare number", () => {
    expect(readResetTime("limit reached, resets at 15:30", NOW)).toEqual(new Date(2026, 11, 3, 15, 30, 0));
    expect(readResetTime("limit reached, resets 3", NOW)).toBeUndefined();
    expect(readResetTime("limit reached", NOW)).toBeUndefined();
  });
});
