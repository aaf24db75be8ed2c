import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { USER, useWorld, type World } from "../support/e2e-world.js";
import { waitFor } from "../support/loop-world.js";
import { agentStarted, drifts, ISSUE, setUp, useLoops } from "../support/drift-loop.js";

// Drift checks that find nothing cost nothing; drift-report --now checks without a loop.

const world = useWorld({ beforeEach, afterEach });
const loop = useLoops({ afterEach });

/**
 * The rate limit used and the number of requests, read when none is in flight: the server counts a
 * request as it arrives and refunds it once it answers 304, so one read mid-flight shows as used.
 */
function settled(w: World): Promise<{ used: number; requests: number }> {
  return waitFor(
    "a moment with no request in flight",
    () =>
      w.server.requests.every((request) => request.status !== 0) && {
        used: w.server.rateLimitOf(USER).used,
        requests: w.server.requests.length,
      },
  );
}

describe("spawn --autonomous: drift made by people while the loop runs", () => {
  it("polling an unchanged issue while the agent runs costs no rate limit (conditional requests)", async () => {
    const w = world();
    const agent = await setUp(w, ["Quiet"]);
    await agent.behave(1, "slow-commit");
    const cli = loop(w);
    await agentStarted(agent, 1);
    const sinceStart = w.server.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 700));
    // The first poll of a resource after the claim changed it is a 200 that fills the ETag cache.
    await waitFor("every resource the loop polls answered 304 once", () => {
      const gets = w.server.requests.slice(sinceStart).filter((request) => request.method === "GET");
      return gets.length > 0 && gets.every((get) => gets.some((o) => o.path === get.path && o.status === 304));
    });
    const before = await settled(w);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const after = await settled(w);
    const polls = w.server.requests
      .slice(before.requests, after.requests)
      .filter((request) => request.method === "GET" && request.path === `${ISSUE}/1`);
    await cli.done;

    expect(polls.length).toBeGreaterThanOrEqual(4);
    expect(polls.every((request) => request.status === 304)).toBe(true);
    expect(after.used - before.used).toBeLessThanOrEqual(0);
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
    expect((await w.cli(["pop", "--issue", "1", "--worktree"])).code).toBe(0);
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
        workKind: "deliver",
        pr: null,
        branch: "agent001/1-claimed-by-hand",
        drifts: [expect.objectContaining({ kind: "human-only-added", severity: "critical" })],
      },
    ]);
    expect(w.server.requests.filter((request) => request.method !== "GET").length).toBe(writesBefore);
    expect(w.repo.issue(1).labels).toContain("agent001");
  });
});
