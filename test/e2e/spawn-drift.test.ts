import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { USER, useWorld } from "../support/e2e-world.js";
import { agentStarted, drifts, ISSUE, setUp, useLoops } from "../support/drift-loop.js";

// Drift checks that find nothing cost nothing; drift-report --now checks without a loop.

const world = useWorld({ beforeEach, afterEach });
const loop = useLoops({ afterEach });

describe("spawn --autonomous: drift made by people while the loop runs", () => {
  it("polling an unchanged issue while the agent runs costs no rate limit (conditional requests)", async () => {
    const w = world();
    const agent = await setUp(w, ["Quiet"]);
    await agent.behave(1, "slow-commit");
    const cli = loop(w);
    await agentStarted(agent, 1);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const before = w.server.rateLimitOf(USER).used;
    const requestsBefore = w.server.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const polls = w.server.requests
      .slice(requestsBefore)
      .filter((request) => request.method === "GET" && request.path === `${ISSUE}/1`);
    // The server counts a request as it arrives and refunds it once it answers 304, so a poll in
    // flight at the moment of reading shows as used. Every reading is the window's cost plus the
    // polls then in flight; the lowest of a few over one poll interval is the closest to the cost.
    let after = w.server.rateLimitOf(USER).used;
    for (let reading = 0; reading < 30; reading++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      after = Math.min(after, w.server.rateLimitOf(USER).used);
    }
    await cli.done;

    expect(polls.length).toBeGreaterThanOrEqual(4);
    expect(polls.every((request) => request.status === 304)).toBe(true);
    // A request counted a moment before `before` may be refunded as a 304 after it: ≤ 0, not = 0.
    expect(after - before).toBeLessThanOrEqual(0);
  });

  it("no drift is reported on a clean 10-issue run", async () => {
    const w = world();
    await setUp(
      w,
      Array.from({ length: 10 }, (_, i) => `Clean task ${i + 1}`),
    );
    const result = await w.cli(["spawn", "--autonomous", "--until-empty"]);
    expect(result.code, result.stderr).toBe(0);
    expect(w.repo.pulls()).toHaveLength(10);
    expect(drifts(w)).toEqual([]);
    expect(result.stdout).not.toContain("drift");
  });

  it("drift-report --now checks the current claims right away, without the loop and without changing anything", async () => {
    const w = world();
    await setUp(w, ["Claimed by hand", "Also claimed"]);
    expect((await w.cli(["pop", "--worktree"])).code).toBe(0);
    const clean = await w.cli(["drift-report", "--now"]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain("✅ #1 Claimed by hand (agent001/1-claimed-by-hand): as expected");

    await w.api("POST", `${ISSUE}/1/labels`, { labels: ["route:human-only"] });
    const writesBefore = w.server.requests.filter((request) => request.method !== "GET").length;
    const found = await w.cli(["drift-report", "--now", "--json"]);

    expect(found.code, found.stderr).toBe(0);
    const report = JSON.parse(found.stdout) as {
      now: Array<{ issue: number; drifts: Array<{ kind: string; severity: string }> }>;
    };
    expect(report.now).toEqual([
      {
        issue: 1,
        title: "Claimed by hand",
        branch: "agent001/1-claimed-by-hand",
        drifts: [expect.objectContaining({ kind: "human-only-added", severity: "critical" })],
      },
    ]);
    expect(w.server.requests.filter((request) => request.method !== "GET").length).toBe(writesBefore);
    expect(w.repo.issue(1).labels).toContain("agent001");
  });
});
