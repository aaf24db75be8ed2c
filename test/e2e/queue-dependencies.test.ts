import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { initialiseRepository, useWorld, type World } from "../support/e2e-world.js";

// design §2 "Dependencies": what the queue holds back, through the built CLI against the fake GitHub.
const currentWorld = useWorld({ beforeEach, afterEach });
let world: World;
beforeEach(() => {
  world = currentWorld();
});

const day = (n: number) => new Date(Date.UTC(2026, 0, n));

/** The issues free to start, by title (sorted: each agent tries the top level from its own place). */
async function peekTitles(): Promise<string[]> {
  const result = await world.cli(["peek", "-n", "10", "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout).tasks as Array<{ title: string }>).map((task) => task.title).sort();
}

const graphqlReads = () => world.server.requests.filter((entry) => entry.path === "/graphql").length;
/** A lone blocker outside the listings is read with a conditional GET (a 304 while it does not change). */
const issueReads = (number: number) =>
  world.server.requests.filter(
    (entry) => entry.method === "GET" && entry.path === `/repos/acme/widgets/issues/${number}`,
  );

describe("a dependency-aware queue", () => {
  it("skips an issue blocked by an open issue (GitHub's dependencies) and takes it once the blocker is closed", async () => {
    const { repo } = world;
    const blocker = repo.addIssue({ title: "blocker, being reviewed", labels: ["route:review"], createdAt: day(1) });
    const blocked = repo.addIssue({ title: "blocked", labels: ["route:ready"], createdAt: day(2) });
    repo.addIssue({ title: "free", labels: ["route:ready"], createdAt: day(3) });
    repo.addBlockedBy(blocked.number, blocker.number);

    world.server.clearRequestLog();
    expect(await peekTitles()).toEqual(["free"]);
    // GitHub counts open blockers on the issue itself: no read beyond the listing.
    expect(graphqlReads()).toBe(0);

    const status = await world.cli(["status", "--json"]);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).queue).toMatchObject({
      total: 1,
      waiting: [{ number: blocked.number, title: "blocked", waitsFor: "waits for 1 open issue on GitHub" }],
    });
    expect((await world.cli(["status"])).stdout).toContain(
      `⏳ Waiting for dependencies (1)\n   #${blocked.number} blocked (waits for 1 open issue on GitHub)`,
    );

    repo.closeIssue(blocker.number);
    expect(await peekTitles()).toEqual(["blocked", "free"]);
  });

  it("reads 'blocked by #N' lines in the body, also on a server without issue dependencies", async () => {
    const { repo } = world;
    repo.setIssueRelations(false);
    const inReview = repo.addIssue({ title: "in review", labels: ["route:review"], createdAt: day(1) });
    const done = repo.addIssue({ title: "done", labels: [], createdAt: day(1), state: "closed" });
    const queued = repo.addIssue({ title: "queued first", labels: ["route:ready"], createdAt: day(2) });
    repo.addIssue({ title: "waits for review", labels: ["route:ready"], body: `Blocked by #${inReview.number}` });
    repo.addIssue({ title: "waits for queued", labels: ["route:ready"], body: `- depends on #${queued.number}` });
    repo.addIssue({ title: "needed a closed one", labels: ["route:ready"], body: `Depends on: #${done.number}` });

    world.server.clearRequestLog();
    expect(await peekTitles()).toEqual(["needed a closed one", "queued first"]);
    // #inReview and #done are outside the listing: their state in one GraphQL read, whatever their number.
    expect(graphqlReads()).toBe(1);
    expect(world.server.requests.filter((entry) => entry.status === 404)).toEqual([]);
  });

  it("reads a lone blocker outside the listings with a conditional GET: unchanged, a 304", async () => {
    await initialiseRepository(world); // the ETag cache lives in the store
    const { repo } = world;
    const blocker = repo.addIssue({ title: "unqueued blocker", labels: [], createdAt: day(1) });
    repo.addIssue({ title: "waits", labels: ["route:ready"], body: `Depends on #${blocker.number}` });
    repo.addIssue({ title: "free", labels: ["route:ready"] });
    world.server.clearRequestLog();
    expect(await peekTitles()).toEqual(["free"]);
    expect(await peekTitles()).toEqual(["free"]);
    expect(issueReads(blocker.number).map((entry) => entry.status)).toEqual([200, 304]);
    expect(graphqlReads()).toBe(0);
  });

  it("does not work a parent while it has open sub-issues", async () => {
    const { repo } = world;
    const parent = repo.addIssue({
      title: "parent",
      labels: ["route:ready", "route:priority-high"],
      createdAt: day(1),
    });
    const child = repo.addIssue({ title: "child", labels: ["route:ready"], createdAt: day(2) });
    repo.addSubIssue(parent.number, child.number);
    expect(await peekTitles()).toEqual(["child"]);
    repo.closeIssue(child.number);
    expect(await peekTitles()).toEqual(["parent"]);
  });

  it("holds dependents back while their blocker is escalated to people, and says why", async () => {
    const { repo } = world;
    const escalated = repo.addIssue({
      title: "escalated",
      labels: ["route:ready", "route:human-only"],
      createdAt: day(1),
    });
    const viaGitHub = repo.addIssue({ title: "linked on GitHub", labels: ["route:ready"], createdAt: day(2) });
    repo.addBlockedBy(viaGitHub.number, escalated.number);
    repo.addIssue({
      title: "named in body",
      labels: ["route:ready", "route:priority-high"],
      body: `Blocked by #${escalated.number}`,
      createdAt: day(3),
    });
    repo.addIssue({ title: "free", labels: ["route:ready"], createdAt: day(4) });

    const result = await world.cli(["peek", "--explain", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.task.title).toBe("free");
    expect(report.queueDepth).toBe(1);
    const explained = report.explain.map((entry: Record<string, unknown>) => [
      entry.title,
      entry.standing,
      entry.reason,
    ]);
    expect(explained).toEqual([
      ["named in body", "waiting", `waits for #${escalated.number} (escalated to people: route:human-only)`],
      ["escalated", "not-eligible", "not eligible: it is labelled route:human-only"],
      ["linked on GitHub", "waiting", `waits for #${escalated.number} (escalated to people: route:human-only)`],
      ["free", "next", "next: highest priority present (none), oldest at that level"],
    ]);

    const human = await world.cli(["peek", "--explain"]);
    expect(human.stdout).toContain("🔎 Why this order (the first 4 queued issues):");
    expect(human.stdout).toMatch(
      /⏳ #\d+ linked on GitHub\n\s+waits for #\d+ \(escalated to people: route:human-only\)/,
    );
  });

  it("refuses `pop --issue N` for an issue that waits, and pops the free one", async () => {
    await initialiseRepository(world);
    const { repo } = world;
    const blocker = repo.addIssue({ title: "blocker", labels: [], createdAt: day(1) });
    const blocked = repo.addIssue({ title: "blocked", labels: ["route:ready"], body: `blocked by #${blocker.number}` });
    repo.addIssue({ title: "free", labels: ["route:ready"], createdAt: day(5) });

    const refused = await world.cli(["pop", "--issue", String(blocked.number)]);
    expect(refused.code).toBe(6);
    expect(refused.stderr + refused.stdout).toContain(
      `#${blocked.number} cannot be claimed: it waits for #${blocker.number}`,
    );

    const popped = await world.cli(["pop", "--json"]);
    expect(popped.code, popped.stderr).toBe(0);
    expect(JSON.parse(popped.stdout).claimed.title).toBe("free");
  });

  it("keeps peek and pop within design §9's bounds at 2,000 and 10,000 ready issues, blockers included", async () => {
    await initialiseRepository(world);
    const { repo } = world;
    const inReview = repo.addIssue({ title: "in review", labels: ["route:review"] });
    const peeks: number[] = [];
    const pops: number[] = [];
    const claimed: string[] = [];
    for (const [size, agent] of [
      [2_000, "agent001"],
      [8_000, "agent002"],
    ] as const) {
      repo.addIssues(size, { labels: ["route:ready"] });
      const linked = repo.addIssue({ title: `linked ${size}`, labels: ["route:ready", "route:priority-medium"] });
      repo.addBlockedBy(linked.number, inReview.number);
      repo.addIssue({
        title: `named ${size}`,
        labels: ["route:ready", "route:priority-medium"],
        body: `Blocked by #${inReview.number}`,
      });
      repo.addIssue({ title: `free ${size}`, labels: ["route:ready", "route:priority-medium"] });

      world.server.clearRequestLog();
      expect((await world.cli(["--agent", agent, "peek"])).code).toBe(0);
      peeks.push(world.server.requests.length);
      expect(issueReads(inReview.number)).toHaveLength(1);
      expect(graphqlReads()).toBe(0);

      world.server.clearRequestLog();
      const result = await world.cli(["--agent", agent, "pop", "--json"]);
      expect(result.code, result.stderr).toBe(0);
      claimed.push(JSON.parse(result.stdout).claimed.title);
      pops.push(world.server.requests.length);
    }
    expect(repo.issues().length).toBeGreaterThanOrEqual(10_000);
    expect(claimed).toEqual(["free 2000", "free 8000"]);
    expect(peeks[0]).toBe(peeks[1]);
    expect(pops[0]).toBe(pops[1]);
    expect(peeks[0]).toBeLessThanOrEqual(7);
    expect(pops[0]).toBeLessThanOrEqual(12);
  });
});
