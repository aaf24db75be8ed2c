import { describe, expect, it } from "vitest";
import { judgeLoopLiveness } from "../../../src/domain/loop-liveness.js";

const NOW = new Date("2030-01-01T12:00:00Z");
const holder = { pid: 4242, host: "box", heartbeatAt: new Date(NOW.getTime() - 90_000) };
const env = (overrides: Partial<Parameters<typeof judgeLoopLiveness>[1]> = {}) => ({
  host: "box",
  now: NOW,
  isProcessAlive: () => true,
  staleAfterMs: 60_000,
  ...overrides,
});

describe("judgeLoopLiveness", () => {
  it("on this host the pid decides, whatever the heartbeat", () => {
    expect(judgeLoopLiveness(holder, env())).toEqual({
      running: true,
      sameHost: true,
      processAlive: true,
      heartbeatAgeSeconds: 90,
    });
    expect(judgeLoopLiveness(holder, env({ isProcessAlive: () => false, staleAfterMs: 3_600_000 }))).toMatchObject({
      running: false,
      processAlive: false,
    });
  });

  it("on another host the pid cannot be checked: a heartbeat older than staleAfterMs means gone", () => {
    const elsewhere = env({
      host: "laptop",
      isProcessAlive: () => {
        throw new Error("a pid on another host must not be checked here");
      },
    });
    expect(judgeLoopLiveness(holder, elsewhere)).toEqual({
      running: false,
      sameHost: false,
      processAlive: null,
      heartbeatAgeSeconds: 90,
    });
    expect(judgeLoopLiveness(holder, { ...elsewhere, staleAfterMs: 120_000 }).running).toBe(true);
  });
});
