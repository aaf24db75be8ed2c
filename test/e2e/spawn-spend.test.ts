import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { initialiseRepository, useWorld, type World } from "../support/e2e-world.js";
import { claimRefsOnOrigin, configureLoop, isRunning, openCloneStore } from "../support/loop-world.js";

const world = useWorld({ beforeEach, afterEach });

async function seed(w: World, titles: string[]): Promise<number[]> {
  await initialiseRepository(w);
  return titles.map((title) => w.repo.addIssue({ title, body: title, labels: ["route:ready"] }).number);
}

describe("spawn --autonomous: the spend governor (design §5)", () => {
  it("stops an agent whose Claude-style cost passes max_cost_usd_per_issue: work kept and pushed, escalated at once with the figures", async () => {
    const w = world();
    const [costly, next] = await seed(w, ["Costly one", "Next one"]);
    const agent = await configureLoop(w, { maxAttempts: 3, maxCostUsdPerIssue: 0.25 });
    await agent.behave(costly ?? 0, "spend-costly");

    const result = await w.cli(["spawn", "--autonomous", "--until-empty"]);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("agent stopped (spend-limit)");
    const [run] = await agent.runs();
    expect(isRunning(run?.pid ?? 0)).toBe(false);
    // One attempt only: a spend limit is not retried.
    expect((await agent.runs()).filter((entry) => entry.issue === costly)).toHaveLength(1);
    const issue = w.repo.issue(costly ?? 0);
    expect(issue.labels).toContain("route:human-only");
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0]?.body).toContain(
      "the agent's reported cost on this issue reached $0.3000, 2,000 input and 300 output tokens, over max_cost_usd_per_issue = $0.2500",
    );
    const files = await w.sandbox.git(w.origin, ["ls-tree", "-r", "--name-only", "agent001/1-costly-one"]);
    // The committed work and what it had not committed yet (as WIP) are both on the remote.
    expect(files.split("\n")).toEqual(expect.arrayContaining(["work-1.txt", "more-1.txt"]));
    expect(await claimRefsOnOrigin(w)).toEqual([]);
    expect(w.repo.issue(next ?? 0).labels).toEqual(["route:review"]);

    const store = openCloneStore(w);
    try {
      const items = store.attemptsFor(costly ?? 0);
      expect(items.map((item) => item.state)).toEqual(["escalated"]);
      expect(items[0]?.spend).toEqual({ costUsd: 0.3, inputTokens: 2000, outputTokens: 300 });
      expect(store.checkpoints(items[0]?.id ?? 0).at(-1)?.detail).toMatchObject({ errorClass: "spend-limit" });
      // The next issue's agent reported nothing: recorded as zero tokens and no cost.
      expect(store.attemptsFor(next ?? 0)[0]?.spend).toEqual({ costUsd: null, inputTokens: 0, outputTokens: 0 });
    } finally {
      store.close();
    }
  });

  it("takes no new work once the run's reported cost reaches max_cost_usd_per_run", async () => {
    const w = world();
    const issues = await seed(w, ["First one", "Second one"]);
    const agent = await configureLoop(w, { maxCostUsdPerRun: 0.1 });
    // Whichever the agent takes first (its own order, design §3), it reports $0.10.
    for (const number of issues) await agent.behave(number, "spend-cheap");

    const result = await w.cli(["spawn", "--autonomous", "--until-empty"]);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("max_cost_usd_per_run $0.1000 reached: the agents reported $0.1000");
    const runs = (await agent.runs()).map((run) => run.issue);
    expect(runs).toHaveLength(1);
    const first = runs[0] ?? 0;
    const second = issues.find((number) => number !== first) ?? 0;
    expect(w.repo.issue(first).labels).toEqual(["route:review"]);
    expect(w.repo.issue(second).labels).toEqual(["route:ready"]);

    // The figures are recorded on the work item and shown where the loop's state is shown.
    const status = await w.cli(["status"]);
    expect(status.stdout).toContain(`💸 agent spend on #${first}: $0.1000, 2,000 input and 300 output tokens`);
    const continuity = await w.cli(["continuity-status", "--json"]);
    expect(JSON.parse(continuity.stdout).checkpoint).toMatchObject({
      issue: first,
      spend: { costUsd: 0.1, inputTokens: 2000, outputTokens: 300 },
    });
  });
});
