import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useWorld, type World } from "../support/e2e-world.js";
import { runPopRace } from "../support/pop-race.js";

const world = useWorld({ beforeEach, afterEach });

/** Another agent's lock taken and not yet marked: the moment between its compare-and-set and its labels. */
async function lockWithoutMarks(w: World, numbers: readonly number[]): Promise<void> {
  const main = (await w.api("GET", "/repos/acme/widgets/git/ref/heads/main")).data as { object: { sha: string } };
  for (const number of numbers) {
    const created = await w.api("POST", "/repos/acme/widgets/git/refs", {
      ref: `refs/my-little-soda/claims/${number}`,
      sha: main.object.sha,
    });
    expect(created.status).toBe(201);
  }
}

describe("contention (design §3): pops started together on a long enough queue", () => {
  it("8 pops at once on 16 ready issues: 8 different claims, requests ≤ 1.5 × 8 × one pop's", async () => {
    const w = world();
    w.repo.addIssue({ title: "Alone", labels: ["route:ready"] });
    // One pop alone, from a clone made as the racers' are: the unit the bound is counted in.
    const alone = await w.sandbox.clone(w.origin, "alone", { remoteUrl: "https://github.com/acme/widgets.git" });
    const before = w.server.requests.length;
    expect((await w.cli(["--agent", "agent099", "pop", "--json"], { cwd: alone })).code).toBe(0);
    const onePop = w.server.requests.length - before;
    expect(onePop).toBeLessThanOrEqual(8);

    const outcome = await runPopRace(w, { processes: 8, issues: 16, round: 1 });
    expect(outcome.results.map((result) => [result.agent, result.code, result.stderr])).toEqual(
      outcome.results.map((result) => [result.agent, 0, ""]),
    );
    const claimed = outcome.results.map((result) => JSON.parse(result.stdout).claimed.number as number);
    expect(new Set(claimed).size).toBe(8);
    for (const number of claimed) expect(outcome.labelled.get(number)).toHaveLength(1);
    expect(outcome.requests).toBeLessThanOrEqual(1.5 * 8 * onePop);
  });

  it("every race lost while eligible issues remain: exit 4 with its own message and JSON, after 3 reads", async () => {
    const w = world();
    const numbers = w.repo.addIssues(20, { labels: ["route:ready"] }).map((issue) => issue.number);
    await lockWithoutMarks(w, numbers);
    const before = w.server.requests.length;
    const result = await w.cli(["pop", "--json"]);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/^error: lost every race: other agents claimed each of (#\d+, ){14}#\d+ first/m);
    expect(result.stderr).toMatch(/^hint: eligible issues remain/m);
    const json = JSON.parse(result.stdout) as { claimed: null; lostEveryRace: { tried: number[] } };
    expect(json.claimed).toBeNull();
    expect(new Set(json.lostEveryRace.tried).size).toBe(15);
    const reads = w.server.requests
      .slice(before)
      .filter((request) => request.method === "GET" && request.query.labels === "route:ready");
    expect(reads).toHaveLength(3);
  });

  it("the others took every eligible issue while it tried: exit 6, the queue is empty", async () => {
    const w = world();
    const numbers = w.repo.addIssues(3, { labels: ["route:ready"] }).map((issue) => issue.number);
    await lockWithoutMarks(w, numbers);
    const result = await w.cli(["pop", "--json"]);
    expect(result.code).toBe(6);
    expect(JSON.parse(result.stdout)).toEqual({ schemaVersion: 1, claimed: null });
    expect(result.stderr).toMatch(/the queue is empty: other agents claimed every eligible issue first/);
  });

  it("peek shows each agent the issue its pop takes: different agents, different picks in the top level", async () => {
    const w = world();
    w.repo.addIssues(12, { labels: ["route:ready"] });
    const picks = new Set<number>();
    for (const agent of ["agent003", "agent004", "agent005"]) {
      const peeked = JSON.parse((await w.cli(["--agent", agent, "peek", "--json"])).stdout) as {
        task: { number: number };
      };
      const dry = JSON.parse((await w.cli(["--agent", agent, "pop", "--dry-run", "--json"])).stdout) as {
        wouldClaim: { number: number };
      };
      expect(dry.wouldClaim.number).toBe(peeked.task.number);
      picks.add(peeked.task.number);
    }
    expect(picks.size).toBeGreaterThan(1);
  });
});
