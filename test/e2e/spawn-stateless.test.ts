import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FaultSpec } from "../../src/fake-github/index.js";
import { initialiseRepository, useWorld, type World } from "../support/e2e-world.js";
import { claimRefsOnOrigin, configureLoop, startCli, waitFor } from "../support/loop-world.js";

// Actions mode (design §5): every run on a fresh runner, no store. Here the state directory's
// untracked contents (store, lock, logs, worktrees) are deleted between two `spawn --once` runs,
// the first stopped at a step boundary; the outcome must be the one pull request an uninterrupted
// run makes.
const currentWorld = useWorld({ beforeEach, afterEach });
let world: World;
beforeEach(async () => {
  world = currentWorld();
  await initialiseRepository(world);
});

const ISSUES = "/repos/acme/widgets/issues";
const failFast = { MY_LITTLE_SODA_LOOP_RETRY_BASE_MS: "100", MY_LITTLE_SODA_LOOP_RETRY_BUDGET_SECONDS: "0.5" };

/** What a fresh runner has: the committed files, no local state. */
async function forgetLocalState(): Promise<void> {
  await world.sandbox.git(world.clone, ["clean", "-qfdx", ".my-little-soda"]);
}

async function expectOnePullRequest(): Promise<void> {
  const pulls = world.repo.pulls();
  expect(pulls.map((pull) => pull.headRef)).toEqual(["agent001/1-make-it-fizz"]);
  const issue = world.repo.issue(1);
  expect(issue.labels).toContain("route:review");
  expect(issue.labels).not.toContain("agent001");
  expect(await claimRefsOnOrigin(world)).toEqual([]);
}

describe("spawn --once with no local state (Actions mode)", () => {
  it("stopped while the agent ran (nothing pushed): the next run continues the claim, one pull request", async () => {
    world.repo.addIssue({ title: "Make it fizz", labels: ["route:ready"] });
    const agent = await configureLoop(world);
    await agent.behave(1, "hang");
    const first = startCli(world, ["spawn", "--autonomous", "--once"]);
    await waitFor("the agent to start", async () => (await agent.runs()).length === 1);
    const [run] = await agent.runs();
    process.kill(first.child.pid ?? 0, "SIGKILL");
    process.kill(-(run?.pid ?? 0), "SIGKILL");
    await first.done;
    await forgetLocalState();

    const second = await world.cli(["spawn", "--autonomous", "--once"]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/no record here of agent001's claim on #1 \(made by a loop elsewhere\)/);
    await expectOnePullRequest();
  });

  const boundaries: Array<{ name: string; fault: FaultSpec; resumedBy: RegExp }> = [
    {
      name: "pushed, no pull request yet",
      fault: { method: "POST", path: "/repos/acme/widgets/pulls", kind: "status", status: 502, times: Infinity },
      resumedBy: /continuing from what was pushed/,
    },
    {
      name: "pull request open, labels not moved yet",
      fault: { method: "POST", path: new RegExp(`^${ISSUES}/1/labels$`), kind: "status", status: 502, times: Infinity },
      resumedBy: /its pull request #\d+ is open: finishing the delivery/,
    },
  ];
  for (const boundary of boundaries) {
    it(`stopped at "${boundary.name}": the next run finishes with the same single pull request`, async () => {
      world.repo.addIssue({ title: "Make it fizz", labels: ["route:ready"] });
      await configureLoop(world);
      world.server.injectFault(boundary.fault);
      const down = await world.cli(["spawn", "--autonomous", "--once"], { env: { ...world.env, ...failFast } });
      expect(down.code, down.stdout + down.stderr).toBe(4);
      world.server.clearFaults();
      await forgetLocalState();

      const again = await world.cli(["spawn", "--autonomous", "--once"]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toMatch(boundary.resumedBy);
      await expectOnePullRequest();
    });
  }

  it("a claim of the same agent id made by hand (pop) is never taken for the loop's own", async () => {
    world.repo.addIssue({ title: "Make it fizz", labels: ["route:ready"] });
    await configureLoop(world);
    expect((await world.cli(["pop", "--worktree"])).code).toBe(0);
    const loop = await world.cli(["spawn", "--autonomous", "--once"]);
    expect(loop.code).toBe(2);
    expect(loop.stderr).toMatch(/agent001 holds a claim on #1 \(Make it fizz\) that this loop did not make/);
    expect(world.repo.pulls()).toEqual([]);
  });
});
