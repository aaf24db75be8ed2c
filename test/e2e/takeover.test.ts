import { copyFile, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { initialiseRepository, useWorld, type World } from "../support/e2e-world.js";
import { claimRefsOnOrigin, configureLoop, startCli, waitFor, type RunningCli } from "../support/loop-world.js";
import { runCli } from "../support/run-cli.js";

const currentWorld = useWorld({ beforeEach, afterEach });
let world: World;
const stopped: RunningCli[] = [];
beforeEach(async () => {
  world = currentWorld();
  await initialiseRepository(world);
});
afterEach(() => {
  // A test that failed half-way must not leave a stopped loop behind.
  for (const running of stopped.splice(0)) {
    try {
      process.kill(running.child.pid ?? 0, "SIGCONT");
      process.kill(running.child.pid ?? 0, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

const onOrigin = async (ref: string) =>
  (await world.sandbox.git(world.origin, ["for-each-ref", "--format=%(objectname)", ref])).trim() || undefined;
const subjects = async (ref: string) =>
  (await world.sandbox.git(world.origin, ["log", "--format=%s", ref])).split("\n").filter(Boolean);

describe("stale-claim takeover (design §3)", () => {
  it("a second loop takes over a stalled holder's claim (epoch 2), delivers once with its commit; the first is fenced", async () => {
    const issue = world.repo.addIssue({ title: "Make it fizz", labels: ["route:ready"] });
    // A 3 s lease, renewed every second while the holder runs.
    const agent = await configureLoop(world, { leaseMinutes: 0.05 });
    await agent.behave(issue.number, "push-then-wait");
    const second = await world.sandbox.clone(world.origin, "clone-b", {
      remoteUrl: "https://github.com/acme/widgets.git",
    });
    await copyFile(path.join(world.clone, "my-little-soda.toml"), path.join(second, "my-little-soda.toml"));

    const first = startCli(world, ["--agent", "agent001", "spawn", "--autonomous", "--once"]);
    stopped.push(first);
    const firstBranch = "agent001/1-make-it-fizz";
    const pushed = await waitFor(
      "the first holder's pushed commit",
      () => onOrigin(`refs/heads/${firstBranch}`),
      15_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${first.output()}`);
    });
    process.kill(first.child.pid ?? 0, "SIGSTOP");

    // Its lease expires: no heartbeat for longer than lease_minutes.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const takeover = await runCli(["--agent", "agent002", "spawn", "--autonomous", "--once"], {
      cwd: second,
      env: world.env,
    });
    expect(takeover.code, takeover.stderr).toBe(0);
    expect(takeover.stdout).toMatch(
      /took over agent001's stale claim \(epoch 2\); branch agent002\/1-make-it-fizz from agent001\/1-make-it-fizz/,
    );
    const [pull] = world.repo.pulls();
    expect(world.repo.pulls()).toHaveLength(1);
    expect(pull?.headRef).toBe("agent002/1-make-it-fizz");
    // The first holder's commit is in the one pull request, under the second's own work.
    expect(await subjects("refs/heads/agent002/1-make-it-fizz")).toEqual(
      expect.arrayContaining(["Work on #1 (run 1)", "Work on #1 (run 2)"]),
    );
    expect(world.repo.issue(issue.number).labels).toContain("route:review");
    expect(world.repo.issue(issue.number).labels).not.toContain("agent001");
    expect(await claimRefsOnOrigin(world)).toEqual([]);

    // The first holder comes back and finishes its agent's later work: nothing of it is delivered.
    await writeFile(path.join(agent.dir, `go-${issue.number}`), "");
    process.kill(first.child.pid ?? 0, "SIGCONT");
    const outcome = await first.done;
    stopped.splice(0);
    expect(outcome.code).toBe(0);
    expect(world.repo.pulls()).toHaveLength(1);
    // Its branch is as the new holder found it; the later work sits beside it, and it says where.
    expect(await onOrigin(`refs/heads/${firstBranch}`), outcome.stdout + outcome.stderr).toBe(pushed);
    const side = /pushed to (agent001\/1-make-it-fizz-preserved-\d+)/.exec(outcome.stdout)?.[1];
    expect(side, outcome.stdout).toBeDefined();
    expect((await subjects(`refs/heads/${side}`))[0]).toBe("Later work on #1 (run 1)");
    expect(await claimRefsOnOrigin(world)).toEqual([]);
  });

  it("pop --take-over-stale: a claim made by hand, stale after manual_lease_hours, continues from its pushed branch", async () => {
    // Nothing claimed yet, so nothing to take over (that a fresh claim is left alone is tested, with
    // its bound, in test/integration/takeover/contenders.test.ts).
    const none = await world.cli(["--agent", "agent002", "pop", "--take-over-stale"]);
    expect(none.code).toBe(6);
    expect(none.stderr).toMatch(/no stale claim to take over/);
    const issue = world.repo.addIssue({ title: "Make it fizz", labels: ["route:ready"] });
    // A claim made by hand lives manual_lease_hours (72 by default); here about two seconds.
    const toml = path.join(world.clone, "my-little-soda.toml");
    await writeFile(
      toml,
      (await readFile(toml, "utf8")).replace("[autonomous]\n", "[autonomous]\nmanual_lease_hours = 0.0005\n"),
    );
    await world.sandbox.git(world.clone, ["commit", "-qam", "Short manual leases"]);
    expect((await world.cli(["--agent", "agent001", "pop"])).code).toBe(0);
    await world.sandbox.commitFile(world.clone, "fizz.txt", "fizz\n", "Fizz, by agent001");
    await world.sandbox.git(world.clone, ["push", "-q", "origin", "agent001/1-make-it-fizz"]);
    await world.sandbox.git(world.clone, ["checkout", "-q", "main"]);

    // Stale once the lease's own lifetime has passed (the bound of that is tested in
    // test/integration/takeover/contenders.test.ts).
    await waitFor(
      "the claim to go stale",
      async () => (await world.cli(["--agent", "agent002", "pop", "--take-over-stale", "--dry-run"])).code === 0,
      20_000,
    );
    const dry = await world.cli(["--agent", "agent002", "pop", "--take-over-stale", "--dry-run", "--json"]);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      dryRun: true,
      stale: [{ number: issue.number, agent: "agent001", epoch: 1 }],
    });
    const taken = await world.cli(["--agent", "agent002", "pop", "--take-over-stale", "--json"]);
    expect(taken.code, taken.stderr).toBe(0);
    expect(JSON.parse(taken.stdout)).toMatchObject({
      claimed: { number: issue.number, branch: "agent002/1-make-it-fizz" },
      takeover: { from: "agent001", epoch: 2, continuedFrom: "agent001/1-make-it-fizz" },
    });
    expect(await world.sandbox.git(world.clone, ["log", "-1", "--format=%s"])).toBe("Fizz, by agent001");
    expect(world.repo.issue(issue.number).labels).toEqual(expect.arrayContaining(["agent002"]));
    expect(world.repo.issue(issue.number).labels).not.toContain("agent001");

    // The fenced holder cannot deliver its branch any more.
    const fenced = await world.cli(["--agent", "agent001", "bottle", "--issue", String(issue.number), "--no-verify"]);
    expect(fenced.code).toBe(2);
    expect(fenced.stderr).toMatch(/#1 is now claimed by agent002, not agent001/);
    expect(world.repo.pulls()).toEqual([]);
    // The new holder delivers one pull request with the first holder's commit.
    await world.sandbox.commitFile(world.clone, "fizz2.txt", "more fizz\n", "More fizz, by agent002");
    expect((await world.cli(["--agent", "agent002", "bottle", "--no-verify"])).code).toBe(0);
    expect(world.repo.pulls().map((pull) => pull.headRef)).toEqual(["agent002/1-make-it-fizz"]);
    expect(await subjects("refs/heads/agent002/1-make-it-fizz")).toEqual(
      expect.arrayContaining(["Fizz, by agent001", "More fizz, by agent002"]),
    );
  });
});
