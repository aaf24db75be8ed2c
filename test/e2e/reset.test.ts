import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { initialiseRepository, useWorld, USER, type World } from "../support/e2e-world.js";

const currentWorld = useWorld({ beforeEach, afterEach });
let world: World;
beforeEach(async () => {
  world = currentWorld();
  await initialiseRepository(world);
});

const claimRefs = async () =>
  (
    (await world.api("GET", "/repos/acme/widgets/git/matching-refs/my-little-soda/claims/")).data as Array<{
      ref: string;
    }>
  ).map((ref) => ref.ref);
const branches = async () =>
  (await world.sandbox.git(world.clone, ["branch", "--format=%(refname:short)"])).split("\n").sort();
const currentBranch = () => world.sandbox.git(world.clone, ["branch", "--show-current"]);

async function pop(agent = "agent001"): Promise<{ number: number; branch: string }> {
  const popped = await world.cli(["--agent", agent, "pop", "--json"]);
  expect(popped.code).toBe(0);
  return JSON.parse(popped.stdout).claimed;
}

describe("reset", () => {
  it("after pop puts route:ready back, takes off the agent label, the assignee and the claim ref, deletes the branch and returns to base", async () => {
    const issue = world.repo.addIssue({ title: "Make it fizz", labels: ["route:ready", "route:priority-high"] });
    const { branch } = await pop();
    expect(await currentBranch()).toBe(branch);

    const result = await world.cli(["reset", "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      schemaVersion: 1,
      dryRun: false,
      released: [
        {
          issue: issue.number,
          title: "Make it fizz",
          agent: "agent001",
          state: "open",
          labelsRemoved: ["agent001"],
          requeued: true,
          assigneeRemoved: USER,
          refDeleted: true,
        },
      ],
      kept: [],
      deletedBranches: [branch],
      checkedOut: "main",
      branchesExamined: true,
    });
    expect(world.repo.issue(issue.number).labels.sort()).toEqual(["route:priority-high", "route:ready"]);
    expect(world.repo.issue(issue.number).assignees).toEqual([]);
    expect(await claimRefs()).toEqual([]);
    expect(await branches()).toEqual(["main"]);
    expect(await currentBranch()).toBe("main");

    // The issue is back in the queue: the same agent can take it again.
    expect((await pop()).number).toBe(issue.number);
  });

  it("keeps a branch holding a commit that is not on origin/main, says why, and still releases the claim", async () => {
    const issue = world.repo.addIssue({ title: "Local work", labels: ["route:ready"] });
    const { branch } = await pop();
    await world.sandbox.commitFile(world.clone, "work.txt", "work\n", "Work in progress");

    const result = await world.cli(["reset"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`🔓 Released #${issue.number} Local work (agent001)`);
    expect(result.stdout).toContain(
      `📌 Kept branch ${branch}: 1 commit not merged into origin/main, not pushed (no origin/${branch})`,
    );
    expect(await branches()).toEqual([branch, "main"].sort());
    expect(await currentBranch()).toBe(branch);
    expect(world.repo.issue(issue.number).labels).toEqual(["route:ready"]);
    expect(await claimRefs()).toEqual([]);

    // Pushed, it is still kept (not merged), and the reason says it is on the remote.
    await world.sandbox.git(world.clone, ["push", "-q", "origin", branch]);
    world.repo.setIssueLabels(issue.number, ["agent001"]);
    const again = JSON.parse((await world.cli(["reset", "--json"])).stdout);
    expect(again.kept).toEqual([
      { branch, issue: issue.number, reason: `1 commit not merged into origin/main (pushed to origin/${branch})` },
    ]);
  });

  it("never deletes the checked-out branch while the tree has uncommitted changes", async () => {
    world.repo.addIssue({ title: "Dirty", labels: ["route:ready"] });
    const { branch } = await pop();
    writeFileSync(path.join(world.clone, "README.md"), "edited\n");
    const report = JSON.parse((await world.cli(["reset", "--json"])).stdout);
    expect(report.kept).toEqual([
      { branch, issue: 1, reason: "it is checked out and the working tree has uncommitted changes" },
    ]);
    expect(report.deletedBranches).toEqual([]);
    expect(await currentBranch()).toBe(branch);
  });

  it("--agent releases only that agent's claims; --all releases every agent's, a lock that is not a lease included", async () => {
    const first = world.repo.addIssue({ title: "For one", labels: ["route:ready"] });
    const second = world.repo.addIssue({ title: "For two", labels: ["route:ready"] });
    const stray = world.repo.addIssue({ title: "Stray lock", labels: [] });
    // Which of the two each agent takes depends on its id (design §3 "Contention"): only that they differ.
    const one = await pop("agent001");
    await world.sandbox.git(world.clone, ["checkout", "-q", "main"]);
    const two = await pop("agent002");
    expect([one.number, two.number].sort()).toEqual([first.number, second.number]);
    const main = await world.sandbox.git(world.origin, ["rev-parse", "refs/heads/main"]);
    await world.api("POST", "/repos/acme/widgets/git/refs", {
      ref: `refs/my-little-soda/claims/${stray.number}`,
      sha: main,
    });

    const onlyTwo = JSON.parse((await world.cli(["--agent", "agent002", "reset", "--json"])).stdout);
    expect(onlyTwo.released.map((r: { issue: number; agent: string }) => [r.issue, r.agent])).toEqual([
      [two.number, "agent002"],
    ]);
    expect(onlyTwo.deletedBranches).toEqual([two.branch]);
    expect(world.repo.issue(two.number).labels).toEqual(["route:ready"]);
    expect(world.repo.issue(one.number).labels).toEqual(["agent001"]);
    expect(await claimRefs()).toEqual([
      `refs/my-little-soda/claims/${one.number}`,
      `refs/my-little-soda/claims/${stray.number}`,
    ]);

    const all = JSON.parse((await world.cli(["--agent", "agent002", "reset", "--all", "--json"])).stdout);
    expect(all.released).toEqual([
      expect.objectContaining({
        issue: one.number,
        agent: "agent001",
        labelsRemoved: ["agent001"],
        requeued: true,
        assigneeRemoved: USER,
        refDeleted: true,
      }),
      expect.objectContaining({
        issue: stray.number,
        agent: null,
        labelsRemoved: [],
        requeued: false,
        assigneeRemoved: null,
        refDeleted: true,
      }),
    ]);
    expect(world.repo.issue(one.number).labels).toEqual(["route:ready"]);
    expect(world.repo.issue(stray.number).labels).toEqual([]);
    expect(await claimRefs()).toEqual([]);
    expect(await branches()).toEqual(["main"]);
  });

  it("a closed issue loses its lock and agent label but is not queued again", async () => {
    const issue = world.repo.addIssue({ title: "Done elsewhere", labels: ["route:ready"] });
    await pop();
    world.repo.closeIssue(issue.number);
    const report = JSON.parse((await world.cli(["reset", "--json"])).stdout);
    expect(report.released).toEqual([
      expect.objectContaining({
        issue: issue.number,
        state: "closed",
        labelsRemoved: ["agent001"],
        requeued: false,
        refDeleted: true,
      }),
    ]);
    expect(world.repo.issue(issue.number).labels).toEqual([]);
    expect(world.repo.issue(issue.number).assignees).toEqual([USER]);
    expect(await claimRefs()).toEqual([]);
  });

  it("--dry-run prints every planned write and makes none", async () => {
    const issue = world.repo.addIssue({ title: "Dry", labels: ["route:ready"] });
    const { branch } = await pop();
    world.server.clearRequestLog();
    const result = await world.cli(["reset", "--dry-run"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("[dry-run] would release 1 claim");
    expect(result.stdout).toContain(`GitHub: set #${issue.number} labels to [route:ready] and assignees to []`);
    expect(result.stdout).toContain(`GitHub: delete ref refs/my-little-soda/claims/${issue.number}`);
    expect(result.stdout).toContain("git: checkout main");
    expect(result.stdout).toContain(`git: branch -D ${branch}`);
    expect(world.server.requests.filter((request) => request.method !== "GET")).toEqual([]);
    expect(world.repo.issue(issue.number).labels).toEqual(["agent001"]);
    expect(await claimRefs()).toEqual([`refs/my-little-soda/claims/${issue.number}`]);
    expect(await currentBranch()).toBe(branch);

    const json = JSON.parse((await world.cli(["reset", "--dry-run", "--json"])).stdout);
    expect(json).toMatchObject({
      dryRun: true,
      released: [{ issue: issue.number, refDeleted: true }],
      deletedBranches: [branch],
    });
    expect(json.writes).toHaveLength(4);
  });

  it("exits 6 with a plain message when there is nothing to release", async () => {
    world.repo.addIssue({ title: "Queued", labels: ["route:ready"] });
    const human = await world.cli(["reset"]);
    expect(human.code).toBe(6);
    expect(human.stderr).toBe("agent001 holds no claim: nothing to release\n");
    const json = await world.cli(["reset", "--json"]);
    expect(json.code).toBe(6);
    expect(JSON.parse(json.stdout)).toEqual({ schemaVersion: 1, released: [], kept: [] });
  });

  it("outside a git repository releases the claims on GitHub and says branches were not examined", async () => {
    const issue = world.repo.addIssue({ title: "Far away", labels: ["route:ready"] });
    await pop();
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), "mls-nogit-"));
    const result = await world.cli(["--repo", "acme/widgets", "reset"], { cwd: elsewhere });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Released #${issue.number} Far away`);
    expect(result.stdout).toContain("Local branches were not examined: not inside a git repository.");
    expect(world.repo.issue(issue.number).labels).toEqual(["route:ready"]);
    expect(await claimRefs()).toEqual([]);
  });

  it("on a terminal asks first: no answer or 'n' changes nothing, 'y' releases (in process, with TTY streams)", async () => {
    const issue = world.repo.addIssue({ title: "Ask me", labels: ["route:ready"] });
    await pop();
    const atTerminal = async (answer: string) => {
      const stdin = Object.assign(new PassThrough(), { isTTY: true });
      stdin.end(answer);
      const out: string[] = [];
      const err: string[] = [];
      const stdout = { write: (text: string) => out.push(text), isTTY: true };
      const code = await run(["reset"], {
        stdin,
        stdout,
        stderr: { write: (text: string) => err.push(text) },
        env: world.env,
        cwd: world.clone,
      });
      return { code, stdout: out.join(""), stderr: err.join("") };
    };

    const declined = await atTerminal("n\n");
    expect(declined.code).toBe(0);
    expect(declined.stderr).toBe("Release 1 claim? [y/N] ");
    expect(declined.stdout).toContain(`#${issue.number} Ask me`);
    expect(declined.stdout).toContain("Nothing changed.");
    expect(world.repo.issue(issue.number).labels).toEqual(["agent001"]);
    expect((await atTerminal("")).stdout).toContain("Nothing changed.");

    const accepted = await atTerminal("y\n");
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain(`Released #${issue.number} Ask me`);
    expect(world.repo.issue(issue.number).labels).toEqual(["route:ready"]);
    expect(await claimRefs()).toEqual([]);
  });
});
