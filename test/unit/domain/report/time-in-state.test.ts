import { describe, expect, it } from "vitest";
import { timeInState } from "../../../../src/domain/report/time-in-state.js";

const at = (minute: number) => new Date(Date.UTC(2024, 4, 1, 10, minute));
const window = { since: at(0), until: at(60) };

describe("time in a state", () => {
  it("adds up every span in the state, a detail recorded on the way continuing it", () => {
    const checkpoints = [
      { toState: "prepare", at: at(1) },
      { toState: "run-agent", at: at(2) },
      { toState: "run-agent", at: at(5) },
      { toState: "check-evidence", at: at(12) },
      { toState: "failed", at: at(13) },
    ];
    expect(timeInState(checkpoints, "run-agent", window)).toEqual({ ms: 10 * 60_000, entries: 1 });
  });

  it("counts only inside the window, and a state still held up to its end", () => {
    const checkpoints = [
      { toState: "run-agent", at: new Date(at(0).getTime() - 5 * 60_000) },
      { toState: "verify", at: at(10) },
      { toState: "run-agent", at: at(50) },
    ];
    expect(timeInState(checkpoints, "run-agent", window)).toEqual({ ms: 20 * 60_000, entries: 1 });
    expect(timeInState([], "run-agent", window)).toEqual({ ms: 0, entries: 0 });
  });
});
