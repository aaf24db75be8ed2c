import { appendFileSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatLeaseMessage, type Lease } from "../../src/domain/lease.js";
import { EMPTY_TREE } from "../../src/github/claim-refs.js";
import { openAgentPull } from "../support/agent-pull.js";
import { initialiseRepository, useWorld, OWNER, REPO, USER, type World } from "../support/e2e-world.js";

const currentWorld = useWorld({ beforeEach, afterEach });
let world: World;
beforeEach(async () => {
  world = currentWorld();
  await initialiseRepository(world, { commit: false });
});

/** Lock an issue as another machine would: a lease commit over the API, and a claim ref at it. */
async function lockWithLease(issue: number, lease: Partial<Lease> & { minutesOld: number }): Promise<void> {
  const { minutesOld, ...fields } = lease;
  const message = formatLeaseMessage({
    agent: "agent001",
    login: USER,
    host: "build-7",
    runId: "run-1",
    epoch: 1,
    ...fields,
    heartbeatAt: new Date(Date.now() - minutesOld * 60_000),
  });
  const commit = await world.api("POST", `/repos/${OWNER}/${REPO}/git/commits`, {
    message,
    tree: EMPTY_TREE,
    parents: [],
  });
  expect(commit.status).toBe(201);
  const sha = (commit.data as { sha: string }).sha;
  expect(
    (await world.api("POST", `/repos/${OWNER}/${REPO}/git/refs`, { ref: `refs/my-little-soda/claims/${issue}`, sha }))
      .status,
  ).toBe(201);
}

describe("status", () => {
  it("reports repository, user, rate limit, an idle agent and the queue by priority", async () => {
    world.repo.addIssue({ title: "a", labels: ["route:ready"] });
    world.repo.addIssue({ title: "b", labels: ["route:ready", "route:priority-high"] });
    world.repo.addIssue({ title: "c", labels: ["route:unblocker"] });
    const result = await world.cli(["status", "--json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      schemaVersion: 1,
      repository: { fullName: `${OWNER}/${REPO}`, defaultBranch: "main", baseBranch: "main" },
      user: "alice",
      agent: { id: "agent001", state: "idle", issue: null },
      queue: { total: 3, byPriority: { unblocker: 1, "very-high": 0, high: 1, medium: 0, low: 0, none: 1 } },
      claims: [],
      reviews: [],
      problems: [],
    });
    expect(report.rateLimit.remaining).toBeGreaterThan(0);
    expect(report.queue.next.map((task: { title: string }) => task.title)).toEqual(["c", "b", "a"]);
  });

  it("shows claims visible on GitHub and this agent's work from git", async () => {
    const issue = world.repo.addIssue({ title: "Claimed one", labels: ["agent001"], assignees: ["alice"] });
    await lockWithLease(issue.number, { minutesOld: 3 });
    await world.sandbox.git(world.clone, ["checkout", "-q", "-b", `agent001/${issue.number}-claimed-one`]);
    await world.sandbox.commitFile(world.clone, "work.txt", "work\n", "Work");

    const report = JSON.parse((await world.cli(["status", "--json"])).stdout);
    expect(report.agent).toMatchObject({
      state: "working",
      issue: { number: issue.number, title: "Claimed one" },
      branch: `agent001/${issue.number}-claimed-one`,
      commitsAhead: 1,
    });
    expect(report.claims).toEqual([
      expect.objectContaining({
        issue: issue.number,
        agent: "agent001",
        locked: true,
        marked: true,
        assignees: ["alice"],
        holder: { agent: "agent001", login: USER, host: "build-7", runId: "run-1", epoch: 1 },
        stale: false,
      }),
    ]);
    expect(report.claims[0].leaseAgeSeconds).toBeGreaterThanOrEqual(180);
    expect(report.claims[0].leaseAgeSeconds).toBeLessThan(240);
    expect(report.problems).toEqual([]);
  });

  it("shows each claim's holder and lease age; --check exits 7 on a stale claim and a holder that contradicts the label", async () => {
    const live = world.repo.addIssue({ title: "Live", labels: ["route:ready"] });
    await world.sandbox.git(world.clone, ["add", "-A"]);
    await world.sandbox.git(world.clone, ["commit", "-qm", "init"]);
    expect((await world.cli(["pop"])).code).toBe(0);
    const stale = world.repo.addIssue({ title: "Abandoned", labels: ["agent002"], assignees: [USER] });
    await lockWithLease(stale.number, { agent: "agent002", host: "ci-runner-4", minutesOld: 45 });
    const mismatch = world.repo.addIssue({ title: "Taken over", labels: ["agent001"] });
    await lockWithLease(mismatch.number, { agent: "agent003", minutesOld: 1 });

    const result = await world.cli(["status", "--check"]);
    expect(result.code).toBe(7);
    const liveLines = result.stdout
      .split("\n")
      .filter((_, index, lines) => lines[index - 1]?.includes(`#${live.number} Live — agent001, locked`));
    expect(liveLines[0]).toMatch(/^ {6}💓 held by agent001 \(alice on .+\), lease \d+ s old$/);
    expect(result.stdout).toContain("💓 held by agent002 (alice on ci-runner-4), lease 45 min old — stale");
    expect(result.stdout).toContain(
      `#${stale.number} claimed by agent002 on host ci-runner-4, lease 45 min old (stale after 30 min)`,
    );
    expect(result.stdout).toContain(`#${mismatch.number} is labelled agent001 but its claim lock is held by agent003`);
    expect(result.stderr).toContain("status --check: 2 problems found");

    const report = JSON.parse((await world.cli(["status", "--json"])).stdout);
    expect(report.claims.map((claim: { issue: number; stale: boolean }) => [claim.issue, claim.stale])).toEqual([
      [live.number, false],
      [stale.number, true],
      [mismatch.number, false],
    ]);
    expect(report.problems.map((problem: { kind: string }) => problem.kind)).toEqual([
      "stale-claim",
      "holder-mismatch",
    ]);
  });

  it("a longer [autonomous] lease_minutes keeps a 45-minute-old lease live", async () => {
    const issue = world.repo.addIssue({ title: "Slow", labels: ["agent002"] });
    await lockWithLease(issue.number, { agent: "agent002", minutesOld: 45 });
    appendFileSync(path.join(world.clone, "my-little-soda.toml"), "lease_minutes = 60\n");
    const result = await world.cli(["status", "--check", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).claims[0]).toMatchObject({
      issue: issue.number,
      stale: false,
      holder: { agent: "agent002" },
    });
  });

  it("lists open PRs in review with their review and check state", async () => {
    const { pr } = await openAgentPull(world, "agent001/9-thing");
    await world.repo.addReview(pr, { author: "owner", state: "APPROVED" });
    const report = JSON.parse((await world.cli(["status", "--json"])).stdout);
    expect(report.reviews).toEqual([
      expect.objectContaining({
        number: pr,
        title: "Work on agent001/9-thing",
        branch: "agent001/9-thing",
        review: "approved",
        checks: "none",
        agent: "agent001",
        issue: 9,
        stage: "approved",
      }),
    ]);
    expect(report.agent.state).toBe("waiting-for-review");
  });

  it("--check exits 7 on contradictory marks and writes the GitHub Actions summary", async () => {
    const both = world.repo.addIssue({ title: "both", labels: ["route:ready", "agent002"] });
    const lockOnly = world.repo.addIssue({ title: "lock only", labels: [] });
    const main = await world.sandbox.git(world.clone, ["rev-parse", "HEAD"]);
    await world.api("POST", `/repos/${OWNER}/${REPO}/git/refs`, {
      ref: `refs/my-little-soda/claims/${lockOnly.number}`,
      sha: main,
    });
    const summary = path.join(mkdtempSync(path.join(os.tmpdir(), "mls-summary-")), "summary.md");

    const result = await world.cli(["status", "--check"], {
      env: { ...world.env, GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary },
    });
    expect(result.code).toBe(7);
    expect(result.stdout).toContain(`#${both.number} is claimed by agent002 but still labelled route:ready`);
    expect(result.stdout).toContain(`#${both.number} is labelled agent002 but has no claim lock`);
    expect(result.stdout).toContain(`#${lockOnly.number} has a claim lock but no agent label`);
    expect(result.stdout).toContain(
      `#${lockOnly.number} has a claim lock whose commit is not a lease: its holder is unknown`,
    );
    expect(result.stdout).toContain("💓 holder unknown (the lock is not a lease)");
    const markdown = readFileSync(summary, "utf8");
    expect(markdown).toContain("### ⚠️ Problems (4)");
    expect(markdown).toContain(`| #${lockOnly.number} | unreadable-lease |`);
    expect(markdown).toContain(`| #${lockOnly.number} | lock-without-marks |`);
  });

  it("--check exits 0 on a clean repository", async () => {
    world.repo.addIssue({ title: "fine", labels: ["route:ready"] });
    const result = await world.cli(["status", "--check"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("No problems found");
  });

  it("polls for free: repeated status runs are answered with 304s and cost no rate limit", async () => {
    world.repo.addIssue({ title: "queued", labels: ["route:ready", "route:priority-high"] });
    const { pr } = await openAgentPull(world, "agent001/9-thing");
    await world.repo.addReview(pr, { author: "owner", state: "APPROVED" });
    expect((await world.cli(["status"])).code).toBe(0);
    const before = world.server.rateLimitOf("alice").remaining;
    world.server.clearRequestLog();
    for (let poll = 0; poll < 5; poll++) expect((await world.cli(["status", "--json"])).code).toBe(0);
    expect(world.server.rateLimitOf("alice").remaining).toBe(before);
    const statuses = new Set(world.server.requests.filter((r) => r.path !== "/rate_limit").map((r) => r.status));
    expect([...statuses]).toEqual([304]);

    // A change is seen at once: the ETag no longer matches, so that one answer costs a point.
    world.repo.addIssue({ title: "new one", labels: ["route:ready", "route:unblocker"] });
    const report = JSON.parse((await world.cli(["status", "--json"])).stdout);
    expect(report.queue.next[0].title).toBe("new one");
    expect(world.server.rateLimitOf("alice").remaining).toBeLessThan(before);
  });
});
