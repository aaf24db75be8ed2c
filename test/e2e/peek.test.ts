import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useWorld, USER, type World } from "../support/e2e-world.js";

const currentWorld = useWorld({ beforeEach, afterEach });
let world: World;
beforeEach(() => {
  world = currentWorld();
});

const day = (n: number) => new Date(Date.UTC(2026, 0, n));

describe("peek", () => {
  it("chooses exactly as design §2 orders a mixed queue", async () => {
    const { repo } = world;
    repo.addIssue({ title: "plain old", labels: ["route:ready"], createdAt: day(1) });
    repo.addIssue({ title: "low", labels: ["route:ready", "route:priority-low"], createdAt: day(2) });
    repo.addIssue({ title: "high newer", labels: ["route:ready", "route:priority-high"], createdAt: day(4) });
    repo.addIssue({ title: "high older", labels: ["route:ready", "route:priority-high"], createdAt: day(3) });
    repo.addIssue({ title: "unblocker without ready", labels: ["route:unblocker"], createdAt: day(9) });
    repo.addIssue({ title: "human only", labels: ["route:unblocker", "route:human-only"], createdAt: day(1) });
    repo.addIssue({
      title: "in review",
      labels: ["route:ready", "route:priority-very-high", "route:review"],
      createdAt: day(1),
    });
    repo.addIssue({
      title: "someone else's",
      labels: ["route:ready", "route:priority-very-high"],
      assignees: ["owner"],
      createdAt: day(1),
    });
    repo.addIssue({
      title: "mine",
      labels: ["route:ready", "route:priority-medium"],
      assignees: [USER],
      createdAt: day(5),
    });
    repo.addIssue({ title: "claimed", labels: ["route:ready", "agent002"], createdAt: day(1) });
    repo.addIssue({ title: "closed", labels: ["route:unblocker"], createdAt: day(1), state: "closed" });
    repo.addIssue({ title: "not queued", labels: ["route:priority-very-high"], createdAt: day(1) });
    await world.openPullRequest({
      branch: "feature",
      title: "a pull request",
      labels: ["route:ready", "route:unblocker"],
    });

    const result = await world.cli(["peek", "-n", "10", "--json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.tasks.map((task: { title: string }) => task.title)).toEqual([
      "unblocker without ready",
      "high older",
      "high newer",
      "mine",
      "low",
      "plain old",
    ]);
    expect(report.queueDepth).toBe(6);
    expect(report.task).toMatchObject({ title: "unblocker without ready", priority: 5, labels: ["route:unblocker"] });
    expect(report.task.url).toMatch(/\/acme\/widgets\/issues\/\d+$/);
  });

  it("never offers a pull request that carries route:ready", async () => {
    const pr = await world.openPullRequest({
      branch: "feature",
      title: "a PR",
      labels: ["route:ready", "route:unblocker"],
    });
    world.repo.addIssue({ title: "real issue", labels: ["route:ready"] });
    expect(world.repo.issue(pr).isPullRequest).toBe(true);
    const report = JSON.parse((await world.cli(["peek", "-n", "5", "--json"])).stdout);
    expect(report.tasks.map((task: { title: string }) => task.title)).toEqual(["real issue"]);
    expect(report.queueDepth).toBe(1);
  });

  it("prints a readable task for people and exits 0 with task null on an empty queue", async () => {
    world.repo.addIssue({
      title: "Café ☕ crème",
      body: "Body <!-- hidden --> text",
      labels: ["route:ready", "route:priority-high"],
    });
    const human = await world.cli(["peek"]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("#1 Café ☕ crème");
    expect(human.stdout).toContain("high (3)");
    expect(human.stdout).toContain("Body text");
    expect(human.stdout).not.toContain("hidden");

    world.repo.closeIssue(1);
    const empty = await world.cli(["peek", "--json"]);
    expect(empty.code).toBe(0);
    expect(JSON.parse(empty.stdout)).toEqual({ schemaVersion: 1, task: null, queueDepth: 0 });
  });

  it("costs at most 3 requests with up to 100 ready issues", async () => {
    world.repo.addIssues(99, { labels: ["route:ready"] });
    world.repo.addIssue({ title: "taken by me", labels: ["route:ready"], assignees: [USER] });
    world.server.clearRequestLog();
    expect((await world.cli(["peek"])).code).toBe(0);
    expect(world.server.requests.length).toBeLessThanOrEqual(3);
  });

  it("costs the same bounded number of requests at 2,000 and 10,000 ready issues", async () => {
    const counts: number[] = [];
    const picked: unknown[] = [];
    for (const size of [2_000, 8_000]) {
      world.repo.addIssues(size, { labels: ["route:ready"] });
      world.repo.addIssue({ title: `medium after ${size}`, labels: ["route:ready", "route:priority-medium"] });
      world.server.clearRequestLog();
      const result = await world.cli(["peek", "--json"]);
      expect(result.code).toBe(0);
      picked.push(JSON.parse(result.stdout).task.title);
      counts.push(world.server.requests.length);
    }
    expect(world.repo.issues().length).toBeGreaterThanOrEqual(10_000);
    // The top level (medium) is picked over thousands of plain ones; within it, the agent's own pick (§3).
    expect(picked[0]).toBe("medium after 2000");
    expect(picked[1]).toMatch(/^medium after (2000|8000)$/);
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(7);
  });

  it("creates no files in a repository where init never ran", async () => {
    world.repo.addIssue({ title: "one", labels: ["route:ready"] });
    expect((await world.cli(["peek"])).code).toBe(0);
    expect((await world.cli(["status"])).code).toBe(0);
    expect(await world.sandbox.git(world.clone, ["status", "--porcelain", "--ignored", "--untracked-files=all"])).toBe(
      "",
    );
  });
});
