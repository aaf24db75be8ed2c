import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { stopOnSignals } from "../../../src/cli/stop-on-signals.js";

describe("stopOnSignals", () => {
  it("first signal: stop claiming and wake waits, agent stopped after the grace period; second signal: at once", () => {
    vi.useFakeTimers();
    try {
      const source = new EventEmitter();
      const notes: string[] = [];
      const { control, dispose } = stopOnSignals(source, 5_000, (message) => notes.push(message));
      expect(control.stopping()).toBe(false);

      source.emit("SIGTERM");
      expect(control.stopping()).toBe(true);
      expect(control.wakeSignal.aborted).toBe(true);
      expect(control.agentSignal.aborted).toBe(false);
      vi.advanceTimersByTime(4_999);
      expect(control.agentSignal.aborted).toBe(false);
      vi.advanceTimersByTime(1);
      expect(control.agentSignal.aborted).toBe(true);
      expect(notes[0]).toContain("5 s to finish");
      dispose();
      expect(source.listenerCount("SIGINT") + source.listenerCount("SIGTERM")).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a second signal stops the agent without waiting for the grace period", () => {
    const source = new EventEmitter();
    const { control, dispose } = stopOnSignals(source, 60_000, () => undefined);
    source.emit("SIGINT");
    source.emit("SIGINT");
    expect(control.agentSignal.aborted).toBe(true);
    dispose();
  });
});
