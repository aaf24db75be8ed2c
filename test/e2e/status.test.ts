import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useWorld, OWNER, REPO, type World } from "../support/e2e-world.js";

const currentWorld = useWorld({ beforeEach, afterEach });
let world: World;
beforeEach(async () => {
  world = currentWorld();
  expect((await world.cli(["init"])).code).toBe(0);
});

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
    const main = await world.sandbox.git(world.clone, ["rev-parse", "HEAD"]);
    expect((await world.api("POST", `/repos/${OWNER}/${REPO}/git/refs`, { ref: `refs/my-little-soda/claims/${issue.number}`, sha: main })).status).toBe(201);
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
      expect.objectContaining({ issue: issue.number, agent: "agent001", locked: true, marked: true, assignees: ["alice"] }),
    ]);
    expect(report.problems).toEqual([]);
  });

  it("lists open PRs in review with their review and check state", async () => {
    const pr = await world.openPullRequest({ branch: "agent001/9-thing", title: "Thing", labels: ["route:review"] });
    world.repo.addReview(pr, { author: "owner", state: "APPROVED" });
    const report = JSON.parse((await world.cli(["status", "--json"])).stdout);
    expect(report.reviews).toEqual([
      expect.objectContaining({ number: pr, title: "Thing", branch: "agent001/9-thing", review: "approved", checks: "none" }),
    ]);
    expect(report.agent.state).toBe("waiting-for-review");
  });

  it("--check exits 7 on contradictory marks and writes the GitHub Actions summary", async () => {
    const both = world.repo.addIssue({ title: "both", labels: ["route:ready", "agent002"] });
    const lockOnly = world.repo.addIssue({ title: "lock only", labels: [] });
    const main = await world.sandbox.git(world.clone, ["rev-parse", "HEAD"]);
    await world.api("POST", `/repos/${OWNER}/${REPO}/git/refs`, { ref: `refs/my-little-soda/claims/${lockOnly.number}`, sha: main });
    const summary = path.join(mkdtempSync(path.join(os.tmpdir(), "mls-summary-")), "summary.md");

    const result = await world.cli(["status", "--check"], { env: { ...world.env, GITHUB_STEP_SUMMARY: summary } });
    expect(result.code).toBe(7);
    expect(result.stdout).toContain(`#${both.number} is claimed by agent002 but still labelled route:ready`);
    expect(result.stdout).toContain(`#${both.number} is labelled agent002 but has no claim lock`);
    expect(result.stdout).toContain(`#${lockOnly.number} has a claim lock but no agent label`);
    const markdown = readFileSync(summary, "utf8");
    expect(markdown).toContain("### ⚠️ Problems (3)");
    expect(markdown).toContain(`| #${lockOnly.number} | lock-without-marks |`);
  });

  it("--check exits 0 on a clean repository", async () => {
    world.repo.addIssue({ title: "fine", labels: ["route:ready"] });
    const result = await world.cli(["status", "--check"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("No problems found");
  });
});
