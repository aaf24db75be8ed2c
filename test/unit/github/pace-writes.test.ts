import { describe, expect, it } from "vitest";
import { createOctokit, type PaceWait } from "../../../src/github/create-octokit.js";
import {
  NOTIFYING_WRITE_LIMITS,
  pacingDelay,
  WRITE_LIMITS,
  WritePacer,
  type PacerClock,
} from "../../../src/github/pace-writes.js";

const MINUTE = 60_000;
const window = (perMinute: number, perHour: number, burst = perMinute) => ({
  kind: "window" as const,
  limits: { burst, perMinute, perHour },
});

/** A clock that only moves when the pacer sleeps: every wait is seen, none is real. */
function fakeClock(start = 1_000_000): PacerClock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe("pacingDelay: a sliding window over the last minute and hour", () => {
  it("lets writes go at once while the minute has room, then waits for the oldest to age out", () => {
    const now = 100_000;
    expect(pacingDelay([], now, window(3, 100))).toBe(0);
    expect(pacingDelay([now - 5_000, now - 1_000], now, window(3, 100))).toBe(0);
    // Three in the last minute: the fourth waits until the first is a minute old.
    expect(pacingDelay([now - 50_000, now - 2_000, now - 1_000], now, window(3, 100))).toBe(10_000);
    // Older than a minute does not count against the minute.
    expect(pacingDelay([now - 70_000, now - 2_000, now - 1_000], now, window(3, 100))).toBe(0);
  });

  it("past the burst, spaces writes at the per-minute rate", () => {
    const now = 100_000;
    // 2 writes in the last minute, burst 2, 6 a minute: the next goes 10 s after the last.
    expect(pacingDelay([now - 30_000, now - 4_000], now, window(6, 100, 2))).toBe(6_000);
    expect(pacingDelay([now - 30_000, now - 11_000], now, window(6, 100, 2))).toBe(0);
    expect(pacingDelay([now - 4_000], now, window(6, 100, 2))).toBe(0);
  });

  it("holds the hour's limit too", () => {
    const now = 4_000_000;
    const sent = [now - 3_000_000, now - 2_000_000, now - 1_000_000];
    expect(pacingDelay(sent, now, window(60, 3))).toBe(600_000);
  });

  it("with fixed spacing, waits for the spacing since the last write; 0 never waits", () => {
    expect(pacingDelay([1_000], 1_400, { kind: "spacing", ms: 1_000 })).toBe(600);
    expect(pacingDelay([1_000, 1_400], 1_400, { kind: "spacing", ms: 0 })).toBe(0);
  });
});

describe("WritePacer", () => {
  it("sends a command-sized burst without waiting and spaces a sustained stream to the limit", async () => {
    const clock = fakeClock();
    const waits: Array<{ ms: number; what: string; lastMinute: number }> = [];
    const pacer = new WritePacer(window(5, 100), clock, (ms, what, lastMinute) => waits.push({ ms, what, lastMinute }));
    for (let i = 0; i < 5; i++) await pacer.acquire(`write ${i}`);
    expect(clock.slept).toEqual([]);
    await pacer.acquire("write 5");
    expect(waits).toEqual([{ ms: MINUTE, what: "write 5", lastMinute: 5 }]);
    // 12 writes in all at 5 a minute: the last goes out two minutes after the first, not sooner.
    for (let i = 6; i < 12; i++) await pacer.acquire(`write ${i}`);
    expect(clock.slept.reduce((a, b) => a + b, 0)).toBe(2 * MINUTE);
  });

  it("takes concurrent writes in arrival order, each counted once", async () => {
    const clock = fakeClock();
    const pacer = new WritePacer(window(2, 100), clock);
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3].map((i) => pacer.acquire().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3]);
    expect(clock.slept).toEqual([MINUTE]);
  });

  it("a sustained stream under the defaults: the burst at once, then one a second, never over GitHub's figures", async () => {
    const clock = fakeClock(0);
    const pacer = new WritePacer({ kind: "window", limits: WRITE_LIMITS }, clock);
    const sentAt: number[] = [];
    for (let i = 0; i < 600; i++) {
      await pacer.acquire();
      sentAt.push(clock.now());
    }
    expect(sentAt.slice(0, WRITE_LIMITS.burst).every((at) => at === 0)).toBe(true);
    expect(sentAt[WRITE_LIMITS.burst] ?? 0).toBe(1_000);
    const most = (window: number) =>
      Math.max(...sentAt.map((start) => sentAt.filter((at) => at >= start && at < start + window).length));
    expect(most(MINUTE)).toBeLessThan(80);
    expect(most(60 * MINUTE)).toBeLessThan(500);
    expect(NOTIFYING_WRITE_LIMITS.perMinute).toBeLessThanOrEqual(WRITE_LIMITS.perMinute);
  });
});

describe("createOctokit paces writes at the transport", () => {
  function client(options: { writeSpacingMs?: number; baseUrl?: string } = {}) {
    const clock = fakeClock();
    const waits: PaceWait[] = [];
    const fetch: typeof globalThis.fetch = async () =>
      new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
    const octokit = createOctokit({
      token: "ghp_paceTestTokenAbcdefghijklmnopqrstuvw",
      baseUrl: options.baseUrl ?? "https://api.github.com",
      userAgent: "test",
      fetch,
      clock,
      writeSpacingMs: options.writeSpacingMs,
      onPaceWait: (wait) => waits.push(wait),
    });
    return { octokit, clock, waits };
  }
  const repo = { owner: "acme", repo: "widgets" };

  it("a command's handful of writes (claim ref, labels, pull request, comment) never waits", async () => {
    const { octokit, waits } = client();
    await octokit.rest.git.createRef({ ...repo, ref: "refs/my-little-soda/claims/1", sha: "a".repeat(40) });
    await octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["agent001"] });
    await octokit.rest.issues.removeLabel({ ...repo, issue_number: 1, name: "route:ready" });
    await octokit.rest.pulls.create({ ...repo, title: "t", head: "b", base: "main" });
    await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "done" });
    for (let i = 0; i < 20; i++) await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    expect(waits).toEqual([]);
  });

  it("a stream of notifying writes is spaced once their burst is spent, and says which write waits", async () => {
    const { octokit, waits, clock } = client({ baseUrl: "https://ghe.example.com/api/v3" });
    for (let i = 0; i < NOTIFYING_WRITE_LIMITS.burst + 1; i++)
      await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: `comment ${i}` });
    const spacing = MINUTE / NOTIFYING_WRITE_LIMITS.perMinute;
    expect(waits).toEqual([
      {
        ms: spacing,
        what: "POST /api/v3/repos/acme/widgets/issues/1/comments",
        writesLastMinute: NOTIFYING_WRITE_LIMITS.burst,
        notifying: true,
      },
    ]);
    expect(clock.slept).toEqual([spacing]);
  });

  it("the tests' override: fixed spacing, or none at 0", async () => {
    const spaced = client({ writeSpacingMs: 500 });
    for (let i = 0; i < 3; i++) await spaced.octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["x"] });
    expect(spaced.clock.slept).toEqual([500, 500]);
    const off = client({ writeSpacingMs: 0 });
    for (let i = 0; i < 100; i++) await off.octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["x"] });
    expect(off.waits).toEqual([]);
  });
});
