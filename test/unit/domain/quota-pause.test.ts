import { describe, expect, it } from "vitest";
import { agentCommandKey, formatPauseMessage, parsePauseMessage } from "../../../src/domain/quota-pause.js";

describe("the shared quota pause", () => {
  it("round-trips through its commit message, and refuses anything else", () => {
    const pause = {
      until: new Date("2026-12-03T05:00:00Z"),
      agent: "agent001",
      line: "usage limit reached|1796360400",
    };
    expect(parsePauseMessage(formatPauseMessage(pause))).toEqual(pause);
    expect(parsePauseMessage("my-little-soda claim lease\n\n{}")).toBeUndefined();
    expect(parsePauseMessage('my-little-soda quota pause\n\n{"until":"soon","agent":"a","line":"x"}')).toBeUndefined();
  });

  it("is keyed by the agent command line: the same command shares it, another does not", () => {
    expect(agentCommandKey(["claude", "-p"])).toBe(agentCommandKey(["claude", "-p"]));
    expect(agentCommandKey(["claude", "-p"])).not.toBe(agentCommandKey(["codex", "exec"]));
    // Arguments are kept apart, so "a b" and "a", "b" differ.
    expect(agentCommandKey(["a b"])).not.toBe(agentCommandKey(["a", "b"]));
    expect(agentCommandKey(["claude"])).toMatch(/^[0-9a-f]{12}$/);
  });
});
