import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatLeaseMessage } from "../../src/domain/lease.js";
import { initialiseRepository, useWorld, USER, type World } from "../support/e2e-world.js";

const currentWorld = useWorld({ beforeEach, afterEach });
let world: World;
beforeEach(async () => {
  world = currentWorld();
  await initialiseRepository(world);
});

async function popAndCommit(title = "Make it fizz"): Promise<{ number: number; branch: string }> {
  const issue = world.repo.addIssue({ title, body: "Please add fizz.\n<!-- hidden note -->", labels: ["route:ready"] });
  const popped = await world.cli(["pop", "--json"]);
  expect(popped.code).toBe(0);
  await world.sandbox.commitFile(world.clone, "fizz.txt", "fizz\n", "Add fizz");
  return { number: issue.number, branch: JSON.parse(popped.stdout).claimed.branch };
}

const claimRefs = async () =>
  (await world.api("GET", "/repos/acme/widgets/git/matching-refs/my-little-soda/claims/")).data as unknown[];

describe("bottle", () => {
  it("pop → commit → bottle leaves exactly the labels, assignee, refs, branch and PR of design §2", async () => {
    const { number, branch } = await popAndCommit();
    const result = await world.cli(["bottle", "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ issue: number, pr: { draft: false }, created: true });

    const pull = world.repo.pull(report.pr.number);
    expect(pull.headRef).toBe(branch);
    expect(pull.baseRef).toBe("main");
    expect(pull.title).toBe("Make it fizz");
    expect(pull.body).toContain(`Closes #${number}`);
    expect(pull.body).toMatch(/- [0-9a-f]{7} Add fizz/);
    expect(pull.body).not.toContain("hidden note");
    expect(pull.labels).toEqual(["route:review"]);
    expect(world.repo.issue(number).labels).toEqual(["route:review"]);
    expect(world.repo.issue(number).assignees).toEqual([USER]);
    expect(await claimRefs()).toEqual([]);
    expect(await world.sandbox.git(world.origin, ["rev-parse", `refs/heads/${branch}`])).toBe(
      await world.sandbox.git(world.clone, ["rev-parse", branch]),
    );
    expect(await world.sandbox.git(world.clone, ["branch", "--show-current"])).toBe("main");

    await world.repo.mergePull(report.pr.number);
    expect(world.repo.issue(number).state).toBe("closed");
  });

  it("is safe to re-run: a second bottle reports the same PR and exits 0, never a second PR", async () => {
    const { number } = await popAndCommit();
    const first = JSON.parse((await world.cli(["bottle", "--json"])).stdout);
    const again = await world.cli(["bottle", "--issue", String(number), "--json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ pr: { number: first.pr.number }, created: false });
    expect(world.repo.pulls()).toHaveLength(1);
  });

  it("runs the verify command and refuses to deliver when it fails (exit 7), nothing pushed", async () => {
    writeFileSync(
      path.join(world.clone, "my-little-soda.toml"),
      '[bottle]\nverify = ["node", "-e", "console.log(\'3 tests failed\'); process.exit(3)"]\n',
    );
    await world.sandbox.git(world.clone, ["commit", "-qam", "verify config"]);
    await world.sandbox.git(world.clone, ["push", "-q", "origin", "main"]);
    const { branch } = await popAndCommit();
    const result = await world.cli(["bottle"]);
    expect(result.code).toBe(7);
    expect(result.stderr).toMatch(/3 tests failed\nerror: verify failed: `node -e .*` exited 3/);
    expect(world.repo.pulls()).toEqual([]);
    await expect(world.sandbox.git(world.origin, ["rev-parse", "--verify", `refs/heads/${branch}`])).rejects.toThrow();

    const skipped = await world.cli(["bottle", "--no-verify", "--draft", "--json"]);
    expect(skipped.code).toBe(0);
    expect(JSON.parse(skipped.stdout).pr.draft).toBe(true);
    expect(world.repo.pulls()[0]?.body).toContain("Skipped (`--no-verify`)");
  });

  it("records a passing verify in the PR body", async () => {
    writeFileSync(path.join(world.clone, "my-little-soda.toml"), '[bottle]\nverify = "node -e 0"\n');
    await world.sandbox.git(world.clone, ["commit", "-qam", "verify config"]);
    await world.sandbox.git(world.clone, ["push", "-q", "origin", "main"]);
    await popAndCommit();
    expect((await world.cli(["bottle"])).code).toBe(0);
    expect(world.repo.pulls()[0]?.body).toMatch(/✅ `node -e 0` passed in \d+\.\d s\./);
  });

  it("refuses with uncommitted changes (5), with nothing ahead (6), and off an agent branch (2)", async () => {
    world.repo.addIssue({ title: "Empty", labels: ["route:ready"] });
    expect((await world.cli(["pop"])).code).toBe(0);
    const nothing = await world.cli(["bottle"]);
    expect(nothing.code).toBe(6);
    expect(nothing.stderr).toMatch(/^nothing to bottle: agent001\/1-empty has no commits ahead of origin\/main\n$/);

    writeFileSync(path.join(world.clone, "README.md"), "dirty\n");
    expect((await world.cli(["bottle"])).code).toBe(5);

    await world.sandbox.git(world.clone, ["checkout", "-q", "--", "README.md"]);
    await world.sandbox.git(world.clone, ["checkout", "-q", "main"]);
    const misuse = await world.cli(["bottle"]);
    expect(misuse.code).toBe(2);
    expect(misuse.stderr).toMatch(/^error: main is not one of agent001's branches.*\nhint: /);
  });

  it("refuses to deliver when the claim was taken over (the fence)", async () => {
    const { number } = await popAndCommit();
    await world.api("DELETE", `/repos/acme/widgets/git/refs/my-little-soda/claims/${number}`);
    const result = await world.cli(["bottle"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/agent001 no longer holds a claim on #1/);
    expect(world.repo.pulls()).toEqual([]);
  });

  it("delivers from a --worktree without touching the main checkout", async () => {
    world.repo.addIssue({ title: "In a worktree", labels: ["route:ready"] });
    const popped = JSON.parse((await world.cli(["pop", "--worktree", "--json"])).stdout).claimed;
    await world.sandbox.commitFile(popped.workdir, "tree.txt", "from the worktree\n", "Work in the worktree");
    const result = await world.cli(["bottle", "--json"], { cwd: popped.workdir });
    expect(result.code, result.stderr).toBe(0);
    expect(world.repo.pull(JSON.parse(result.stdout).pr.number).headRef).toBe(popped.branch);
    expect(await world.sandbox.git(popped.workdir, ["branch", "--show-current"])).toBe(popped.branch);
    expect(await world.sandbox.git(world.clone, ["branch", "--show-current"])).toBe("main");
  });

  it("knows the lease its own pop wrote: no read of the lease commit, one round trip fewer (design §9)", async () => {
    await popAndCommit();
    const before = world.server.requests.length;
    expect((await world.cli(["bottle"])).code).toBe(0);
    const made = world.server.requests.slice(before).map((request) => `${request.method} ${request.path}`);
    expect(made).toContain("GET /repos/acme/widgets/git/ref/my-little-soda/claims/1");
    expect(made.filter((request) => request.startsWith("GET /repos/acme/widgets/git/commits/"))).toEqual([]);
  });

  it("refuses when another agent took the claim over (its lease now names agent002)", async () => {
    const { number } = await popAndCommit();
    const ref = `/repos/acme/widgets/git/refs/my-little-soda/claims/${number}`;
    const current = (await world.api("GET", `/repos/acme/widgets/git/ref/my-little-soda/claims/${number}`)).data as {
      object: { sha: string };
    };
    const takeover = formatLeaseMessage({
      agent: "agent002",
      login: "owner",
      host: "elsewhere",
      runId: "r2",
      heartbeatAt: new Date(),
      epoch: 2,
    });
    const commit = await world.api("POST", "/repos/acme/widgets/git/commits", {
      message: takeover,
      tree: "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
      parents: [current.object.sha],
    });
    expect((await world.api("PATCH", ref, { sha: (commit.data as { sha: string }).sha })).status).toBe(200);
    const result = await world.cli(["bottle"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: #1 is now claimed by agent002, not agent001\nhint: /);
    expect(world.repo.pulls()).toEqual([]);
  });

  it("warns about untracked files and does not deliver them", async () => {
    await popAndCommit();
    writeFileSync(path.join(world.clone, "notes.txt"), "scratch\n");
    const result = await world.cli(["bottle"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("warning: untracked file not delivered: notes.txt");
  });
});
