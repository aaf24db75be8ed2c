import { describe, expect, it } from "vitest";
import { timeCalls, TimeSpent } from "../../../src/cli/time-spent.js";

describe("TimeSpent", () => {
  it("counts overlapping intervals of a kind once and keeps kinds apart", () => {
    let now = 0;
    const spent = new TimeSpent(() => now);
    now = 100;
    spent.record("github", 100); // 0–100
    now = 150;
    spent.record("github", 100); // 50–150, overlaps
    now = 400;
    spent.record("github", 50); // 350–400
    spent.record("git", 30);
    spent.recordAhead("waiting", 1_000); // 400–1400
    now = 1_400;
    expect(spent.total("github")).toEqual({ ms: 200, count: 3 });
    expect(spent.total("git")).toEqual({ ms: 30, count: 1 });
    expect(spent.summary()).toBe(
      "time: 1400 ms in all · GitHub 200 ms (3 requests) · git 30 ms (1 calls) · waiting 1000 ms (1 waits)",
    );
  });

  it("timeCalls times every method call, sync and async, and passes results and errors through", async () => {
    const times: number[] = [];
    const port = {
      add: (a: number, b: number) => a + b,
      later: async (value: string) => value,
      fail: async () => {
        throw new Error("no");
      },
      name: "port",
    };
    const timed = timeCalls(port, (ms) => times.push(ms));
    expect(timed.add(2, 3)).toBe(5);
    expect(await timed.later("x")).toBe("x");
    await expect(timed.fail()).rejects.toThrow("no");
    expect(timed.name).toBe("port");
    expect(times).toHaveLength(3);
    expect(times.every((ms) => ms >= 0)).toBe(true);
  });
});
