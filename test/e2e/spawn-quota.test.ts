import { copyFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { initialiseRepository, useWorld, type World } from "../support/e2e-world.js";
import { configureLoop, openCloneStore, startCli, waitFor } from "../support/loop-world.js";
import { runCli } from "../support/run-cli.js";

const currentWorld = useWorld({ beforeEach, afterEach });
let world: World;
beforeEach(async () => {
  world = currentWorld();
  await initialiseRepository(world);
});

describe("quota (design §5): the agent's plan limit is not a failed attempt", () => {
  it("pauses until the stated reset without spending an attempt, and a second loop on the same agent command pauses too", async () => {
    world.repo.addIssue({ title: "First", labels: ["route:ready"] });
    world.repo.addIssue({ title: "Second", labels: ["route:ready"] });
    // The issue agent001 takes (its own pick, design §3) hits the limit on its first run.
    const pick = JSON.parse((await world.cli(["pop", "--dry-run", "--json"])).stdout) as {
      wouldClaim: { number: number };
    };
    const agent = await configureLoop(world);
    const first = pick.wouldClaim.number;
    const other = first === 1 ? 2 : 1;
    await agent.behave(first, "quota");
    const second = await world.sandbox.clone(world.origin, "clone-b", {
      remoteUrl: "https://github.com/acme/widgets.git",
    });
    await copyFile(path.join(world.clone, "my-little-soda.toml"), path.join(second, "my-little-soda.toml"));

    const loopA = startCli(world, ["spawn", "--autonomous", "--once"]);
    const paused = await waitFor(
      "the first loop to pause",
      () => /usage limit reached\|(\d+)"\): paused until/.exec(loopA.output()) ?? undefined,
    );
    const resetMs = Number(paused[1]) * 1000;
    // Started during the pause, the second loop waits for the same reset before it starts an agent.
    const loopB = await runCli(["--agent", "agent002", "spawn", "--autonomous", "--once"], {
      cwd: second,
      env: world.env,
    });
    const outcomeA = await loopA.done;

    expect(outcomeA.code, outcomeA.stderr).toBe(0);
    expect(outcomeA.stdout).toMatch(/no attempt spent/);
    expect(loopB.code, loopB.stderr).toBe(0);
    expect(loopB.stdout).toMatch(
      /paused: agent001 reached the agent's plan limit \("Claude AI usage limit reached\|\d+"\)/,
    );
    const runs = await agent.runs();
    const ofFirst = runs.filter((run) => run.issue === first);
    const ofOther = runs.filter((run) => run.issue === other);
    expect(ofFirst.map((run) => run.mode)).toEqual(["quota", "commit"]);
    expect(ofFirst[1]?.startedAt).toBeGreaterThanOrEqual(resetMs - 50);
    expect(ofOther).toHaveLength(1);
    expect(ofOther[0]?.startedAt).toBeGreaterThanOrEqual(resetMs - 50);
    // Both delivered; the limit cost no attempt.
    expect(world.repo.pulls()).toHaveLength(2);
    const store = openCloneStore(world);
    try {
      expect(store.attemptsFor(first).map((item) => [item.attempt, item.state])).toEqual([[1, "done"]]);
    } finally {
      store.close();
    }
    expect(
      (await world.sandbox.git(world.origin, ["for-each-ref", "--format=%(refname)", "refs/my-little-soda/"])).trim(),
    ).toBe("");
  });
});
