import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { initialiseRepository, TOKEN, USER, useWorld, type World } from "../support/e2e-world.js";
import {
  claimRefsOnOrigin,
  configureLoop,
  openCloneStore,
  startCli,
  waitFor,
  type RunningCli,
} from "../support/loop-world.js";

const world = useWorld({ beforeEach, afterEach });
const running: RunningCli[] = [];
afterEach(() => {
  for (const cli of running.splice(0)) cli.child.kill("SIGKILL");
});

const REPO = "/repos/acme/widgets";

async function setUp(w: World, count: number) {
  await initialiseRepository(w);
  for (let i = 1; i <= count; i++) w.repo.addIssue({ title: `Task ${i}`, body: `Task ${i}`, labels: ["route:ready"] });
  return configureLoop(w, { driftIntervalSeconds: 0.3 });
}

async function recoveryReport(w: World) {
  const report = await w.cli(["recovery-report", "--json"]);
  expect(report.code, report.stderr).toBe(0);
  return JSON.parse(report.stdout) as {
    recoveries: Array<{ errorClass: string; strategy: string; tries: number; outcome: string; issue: number | null }>;
    summary: { total: number; recovered: number; successRate: number | null };
  };
}

describe("spawn --autonomous: error recovery", () => {
  it("502 bursts, dropped connections, a secondary and an exhausted primary rate limit: every issue delivered, every recovery recorded", async () => {
    const w = world();
    const agent = await setUp(w, 3);
    await agent.behave(3, "slow-commit");
    w.server.injectFault({ method: "POST", path: `${REPO}/git/refs`, kind: "status", status: 502, times: 2 });
    w.server.injectFault({ method: "GET", path: `${REPO}/pulls`, kind: "drop", times: 2 });
    w.server.injectFault({
      method: "POST",
      path: `${REPO}/pulls`,
      kind: "secondary-rate-limit",
      retryAfterSeconds: 1,
      skip: 1,
    });
    const cli = startCli(w, ["spawn", "--autonomous", "--until-empty"]);
    running.push(cli);
    await waitFor("the agent on #3", async () => (await agent.runs()).some((run) => run.issue === 3));
    // The budget runs out mid-run and comes back two seconds later.
    w.server.setRateLimit(USER, { remaining: 0, resetAt: new Date(Date.now() + 2_000) });

    const ended = await cli.done;

    expect(ended.code, ended.stderr).toBe(0);
    expect(w.repo.pulls()).toHaveLength(3);
    expect(await claimRefsOnOrigin(w)).toEqual([]);
    const { recoveries, summary } = await recoveryReport(w);
    const byClass = (errorClass: string) => recoveries.filter((recovery) => recovery.errorClass === errorClass);
    expect(byClass("server-error")).toEqual([
      expect.objectContaining({ strategy: "http-retry", tries: 3, outcome: "recovered" }),
    ]);
    expect(byClass("network")).toEqual([
      expect.objectContaining({ strategy: "http-retry", tries: 3, outcome: "recovered" }),
    ]);
    expect(byClass("secondary-rate-limit")).toEqual([
      expect.objectContaining({ strategy: "wait-retry-after", tries: 2, outcome: "recovered" }),
    ]);
    expect(byClass("rate-limit").length).toBeGreaterThanOrEqual(1);
    expect(
      byClass("rate-limit").every(
        (recovery) => recovery.strategy === "wait-for-reset" && recovery.outcome === "recovered",
      ),
    ).toBe(true);
    expect(summary.total).toBe(recoveries.length);
    expect(summary.successRate).toBe(100);
  });

  it("a token revoked mid-run stops the loop with exit 3, the agent stopped and the checkpoint kept", async () => {
    const w = world();
    const agent = await setUp(w, 1);
    await agent.behave(1, "slow-commit");
    const cli = startCli(w, ["spawn", "--autonomous", "--until-empty"]);
    running.push(cli);
    await waitFor("the agent", async () => (await agent.runs()).length > 0);
    w.server.revokeToken(TOKEN);

    const ended = await cli.done;

    expect(ended.code).toBe(3);
    expect(ended.stderr).toContain("GitHub rejected the token (401");
    expect(ended.stderr).not.toContain(TOKEN);
    const store = openCloneStore(w);
    try {
      expect(store.latestRun("agent001")?.outcome).toBe("failed");
      expect(store.unfinishedWorkItems("agent001").map((item) => item.issueNumber)).toEqual([1]);
    } finally {
      store.close();
    }
    const { recoveries } = await recoveryReport(w);
    expect(recoveries).toEqual([
      expect.objectContaining({ errorClass: "auth", strategy: "fail-fast", outcome: "gave-up" }),
    ]);
  });

  it("GitHub down for longer than the step's time budget: exit 4, the checkpoint kept, the give-up recorded; a later run finishes", async () => {
    const w = world();
    await setUp(w, 1);
    w.server.injectFault({ method: "POST", path: `${REPO}/pulls`, kind: "status", status: 502, times: Infinity });
    const env = { ...w.env, MY_LITTLE_SODA_LOOP_RETRY_BASE_MS: "200", MY_LITTLE_SODA_LOOP_RETRY_BUDGET_SECONDS: "1.5" };

    const down = await w.cli(["spawn", "--autonomous", "--until-empty"], { env });

    expect(down.code).toBe(4);
    expect(down.stderr).toMatch(/error: GitHub failed while trying to open a pull request/);
    expect(down.stdout).toMatch(/retrying in/);
    const store = openCloneStore(w);
    try {
      expect(store.unfinishedWorkItems("agent001").map((item) => [item.issueNumber, item.state])).toEqual([
        [1, "deliver"],
      ]);
    } finally {
      store.close();
    }
    const { recoveries } = await recoveryReport(w);
    expect(recoveries.filter((recovery) => recovery.outcome === "gave-up")).toEqual([
      expect.objectContaining({ errorClass: "server-error", strategy: "backoff" }),
    ]);

    w.server.clearFaults();
    const later = await w.cli(["spawn", "--autonomous", "--until-empty"]);
    expect(later.code, later.stderr).toBe(0);
    expect(w.repo.pulls()).toHaveLength(1);
  });
});
