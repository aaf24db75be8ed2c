import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { initialiseRepository, TOKEN, useWorld, USER, type World } from "../support/e2e-world.js";
import { openCloneStore } from "../support/loop-world.js";

const currentWorld = useWorld({ beforeEach, afterEach });
let world: World;
beforeEach(async () => {
  world = currentWorld();
  await initialiseRepository(world);
});

/** The clone's audit log (design §8), read as another process would. */
function auditLog() {
  const store = openCloneStore(world);
  try {
    return store.auditEntries();
  } finally {
    store.close();
  }
}

const claimRefs = async () =>
  (await world.api("GET", "/repos/acme/widgets/git/matching-refs/my-little-soda/claims/")).data as Array<{
    ref: string;
  }>;

describe("pop", () => {
  it("claims the next task: lock ref, agent label, assignee, route:ready removed, branch checked out", async () => {
    const issue = world.repo.addIssue({ title: "Make it fizz", labels: ["route:ready", "route:priority-high"] });
    world.repo.addIssue({ title: "Later", labels: ["route:ready"] });
    const result = await world.cli(["pop", "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const branch = `agent001/${issue.number}-make-it-fizz`;
    expect(JSON.parse(result.stdout).claimed).toMatchObject({ number: issue.number, title: "Make it fizz", branch });
    expect(world.repo.issue(issue.number).labels.sort()).toEqual(["agent001", "route:priority-high"]);
    expect(world.repo.issue(issue.number).assignees).toEqual([USER]);
    expect((await claimRefs()).map((ref) => ref.ref)).toEqual([`refs/my-little-soda/claims/${issue.number}`]);
    expect(await world.sandbox.git(world.clone, ["branch", "--show-current"])).toBe(branch);
    const main = await world.sandbox.git(world.origin, ["rev-parse", "refs/heads/main"]);
    expect(await world.sandbox.git(world.clone, ["rev-parse", "HEAD"])).toBe(main);
  });

  it("records its writes in the audit log: the claim ref, the marks and the branch — never the token", async () => {
    const issue = world.repo.addIssue({ title: "Audit me", labels: ["route:ready"] });
    expect((await world.cli(["pop"])).code).toBe(0);
    const entries = auditLog();
    const summary = entries.map(({ system, action, target, outcome }) => ({ system, action, target, outcome }));
    expect(summary).toEqual([
      {
        system: "github",
        action: "POST /repos/{owner}/{repo}/git/commits",
        target: "/repos/acme/widgets/git/commits",
        outcome: "ok",
      },
      {
        system: "github",
        action: "POST /repos/{owner}/{repo}/git/refs",
        target: "/repos/acme/widgets/git/refs",
        outcome: "ok",
      },
      {
        system: "github",
        action: "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
        target: `/repos/acme/widgets/issues/${issue.number}`,
        outcome: "ok",
      },
      { system: "git", action: "create-branch", target: `agent001/${issue.number}-audit-me`, outcome: "ok" },
    ]);
    expect(entries[1]?.detail).toMatchObject({ ref: `refs/my-little-soda/claims/${issue.number}`, status: 201 });
    expect(entries[2]?.detail).toMatchObject({ labels: ["agent001"], assignees: [USER], status: 200 });
    // No loop runs: the entries belong to no run.
    expect(entries.every((entry) => entry.runId === undefined && entry.workItemId === undefined)).toBe(true);
    expect(JSON.stringify(entries)).not.toContain(TOKEN);
    const db = path.join(world.clone, ".my-little-soda", "my-little-soda.db");
    for (const file of [db, `${db}-wal`].filter(existsSync)) expect(readFileSync(file, "latin1")).not.toContain(TOKEN);
  });

  it("costs at most 8 requests with up to 100 ready issues", async () => {
    world.repo.addIssues(60, { labels: ["route:ready"] });
    world.server.clearRequestLog();
    expect((await world.cli(["pop"])).code).toBe(0);
    expect(world.server.requests.length).toBeLessThanOrEqual(8);
  });

  it("refuses when this agent already holds a claim (exit 2), and on uncommitted changes (exit 5)", async () => {
    world.repo.addIssue({ title: "One", labels: ["route:ready"] });
    world.repo.addIssue({ title: "Two", labels: ["route:ready"] });
    const first = await world.cli(["pop", "--json"]);
    expect(first.code).toBe(0);
    const { number, title } = JSON.parse(first.stdout).claimed as { number: number; title: string };
    const again = await world.cli(["pop"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(
      new RegExp(`^error: agent001 already holds a claim on #${number} \\(${title}\\)\nhint: `),
    );

    await world.sandbox.git(world.clone, ["checkout", "-q", "main"]);
    await world.sandbox.commitFile(world.clone, "README.md", "changed\n", "edit");
    await import("node:fs/promises").then((fs) => fs.writeFile(`${world.clone}/README.md`, "dirty\n"));
    const dirty = await world.cli(["--agent", "agent002", "pop"]);
    expect(dirty.code).toBe(5);
    expect(dirty.stderr).toMatch(/uncommitted changes \(README\.md\)/);
    expect(world.repo.issue(3 - number).labels).toEqual(["route:ready"]);
  });

  it("exits 6 on an empty queue, with claimed: null in JSON", async () => {
    const result = await world.cli(["pop", "--json"]);
    expect(result.code).toBe(6);
    expect(JSON.parse(result.stdout)).toEqual({ schemaVersion: 1, claimed: null });
    expect(result.stderr).toMatch(/queue is empty/);
  });

  it("--issue claims a specific issue and refuses an ineligible one", async () => {
    world.repo.addIssue({ title: "First", labels: ["route:ready"] });
    const human = world.repo.addIssue({ title: "Human", labels: ["route:ready", "route:human-only"] });
    const second = world.repo.addIssue({ title: "Second", labels: ["route:ready"] });
    const refused = await world.cli(["pop", "--issue", String(human.number)]);
    expect(refused.code).toBe(6);
    expect(refused.stderr).toMatch(/route:human-only/);
    const result = await world.cli(["pop", "--issue", String(second.number), "--json"]);
    expect(JSON.parse(result.stdout).claimed.number).toBe(second.number);
  });

  it("--dry-run lists the writes and makes none", async () => {
    world.repo.addIssue({ title: "Dry", labels: ["route:ready"] });
    world.server.clearRequestLog();
    const result = await world.cli(["pop", "--dry-run"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/would claim #1 Dry/);
    expect(result.stdout).toMatch(/create ref refs\/my-little-soda\/claims\/1/);
    expect(world.server.requests.filter((r) => r.method !== "GET")).toEqual([]);
    expect(world.repo.issue(1).labels).toEqual(["route:ready"]);
    expect(await world.sandbox.git(world.clone, ["branch", "--show-current"])).toBe("main");
    expect(auditLog()).toEqual([]);
  });

  it("--worktree leaves the checkout alone and works in .my-little-soda/worktrees/", async () => {
    world.repo.addIssue({ title: "Tree work", labels: ["route:ready"] });
    const result = await world.cli(["pop", "--worktree", "--json"]);
    expect(result.code).toBe(0);
    const { workdir, branch } = JSON.parse(result.stdout).claimed;
    expect(workdir).toBe(`${world.clone}/.my-little-soda/worktrees/1-tree-work`);
    expect(existsSync(workdir)).toBe(true);
    expect(await world.sandbox.git(workdir, ["branch", "--show-current"])).toBe(branch);
    expect(await world.sandbox.git(world.clone, ["branch", "--show-current"])).toBe("main");
  });
});
