import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { initialiseRepository, useWorld, type World } from "../support/e2e-world.js";
import {
  claimRefsOnOrigin,
  configureLoop,
  isRunning,
  openCloneStore,
  startCli,
  waitFor,
  type RunningCli,
} from "../support/loop-world.js";
import type { ScriptedAgent } from "../../src/demo/scripted-agent.js";

const world = useWorld({ beforeEach, afterEach });
const running: RunningCli[] = [];
afterEach(() => {
  for (const cli of running.splice(0)) cli.child.kill("SIGKILL");
});

function start(w: World, args: string[]): RunningCli {
  const cli = startCli(w, args);
  running.push(cli);
  return cli;
}

async function setUp(w: World, titles: string[]): Promise<ScriptedAgent> {
  await initialiseRepository(w);
  for (const title of titles) w.repo.addIssue({ title, body: title, labels: ["route:ready"] });
  return configureLoop(w);
}

async function remoteBranch(w: World, prefix: string): Promise<string | undefined> {
  const out = await w.sandbox.git(w.origin, ["for-each-ref", "--format=%(refname:short)", `refs/heads/${prefix}*`]);
  return out.trim() || undefined;
}

async function commitsOn(w: World, repoDir: string, ref: string): Promise<string[]> {
  const out = await w.sandbox.git(repoDir, ["log", "--format=%s", `main..${ref}`]);
  return out.split("\n").filter((line) => line !== "");
}

/** What must hold after any crash and a completed restart. */
async function expectCleanEnd(w: World, issues: number[]): Promise<void> {
  for (const number of issues) {
    const pulls = w.repo.pulls().filter((pull) => pull.headRef.startsWith(`agent001/${number}-`));
    expect(pulls, `PRs for #${number}`).toHaveLength(1);
    expect(w.repo.issue(number).labels).toEqual(["route:review"]);
  }
  expect(await claimRefsOnOrigin(w)).toEqual([]);
}

describe("spawn --autonomous: crash and restart", () => {
  it("SIGKILL while the agent runs: the restart stops the orphaned agent, keeps its commit, resumes, one PR", async () => {
    const w = world();
    const agent = await setUp(w, ["Long task", "Next task"]);
    await agent.behave(1, "commit-then-hang");
    const loop = start(w, ["spawn", "--autonomous", "--until-empty"]);
    const firstRun = await waitFor("the agent's first commit", async () => {
      const [run] = await agent.runs();
      return run && (await commitsOn(w, w.clone, "agent001/1-long-task").catch(() => [])).length > 0 ? run : undefined;
    });
    loop.child.kill("SIGKILL");
    await loop.done;
    expect(isRunning(firstRun.pid), "the agent outlives a killed loop (its own process group)").toBe(true);

    const restart = await w.cli(["spawn", "--autonomous", "--until-empty"]);

    expect(restart.code, restart.stderr).toBe(0);
    expect(restart.stdout).toMatch(/#1 restart: resume — #1 is still open and ours/);
    expect(isRunning(firstRun.pid)).toBe(false);
    await expectCleanEnd(w, [1, 2]);
    const delivered = await commitsOn(w, w.origin, "agent001/1-long-task");
    expect(delivered).toEqual(["Work on #1 (run 2)", "Work on #1 (run 1)"]);
    const store = openCloneStore(w);
    try {
      const [item] = store.attemptsFor(1);
      const restartCheckpoint = store
        .checkpoints(item?.id ?? 0)
        .find((checkpoint) => checkpoint.detail?.restart !== undefined);
      expect(restartCheckpoint?.detail?.restart).toMatchObject({ action: "resume", stoppedAgent: true });
      expect(store.run(item?.runId ?? "")?.outcome).toBe("crashed");
    } finally {
      store.close();
    }
  });

  it("SIGKILL between the push and the pull request: the restart opens exactly one PR", async () => {
    const w = world();
    await setUp(w, ["Push then die"]);
    w.server.injectFault({ method: "POST", path: "/repos/acme/widgets/pulls", kind: "latency", ms: 4_000 });
    const loop = start(w, ["spawn", "--autonomous", "--until-empty"]);
    await waitFor("the branch on the remote", () => remoteBranch(w, "agent001/1-"));
    loop.child.kill("SIGKILL");
    await loop.done;
    expect(w.repo.pulls(), "killed before the pull request was made").toHaveLength(0);
    w.server.clearFaults();

    const restart = await w.cli(["spawn", "--autonomous", "--until-empty"]);

    expect(restart.code, restart.stderr).toBe(0);
    await expectCleanEnd(w, [1]);
  });

  it("SIGKILL between the pull request and the relabel: the restart finishes the labels, still one PR", async () => {
    const w = world();
    await setUp(w, ["Relabel later"]);
    w.server.injectFault({ method: "POST", path: "/repos/acme/widgets/issues/1/labels", kind: "latency", ms: 4_000 });
    const loop = start(w, ["spawn", "--autonomous", "--until-empty"]);
    await waitFor("the pull request", () => w.repo.pulls().length > 0);
    loop.child.kill("SIGKILL");
    await loop.done;
    w.server.clearFaults();
    expect(w.repo.issue(1).labels).toContain("agent001");

    const restart = await w.cli(["spawn", "--autonomous", "--until-empty"]);

    expect(restart.code, restart.stderr).toBe(0);
    expect(restart.stdout).toContain("#1 restart: resume — the pull request is open; finishing the delivery");
    await expectCleanEnd(w, [1]);
  });

  it("SIGTERM while the agent runs: grace period, agent stopped, checkpoint kept, exit 0; a restart delivers", async () => {
    const w = world();
    const agent = await setUp(w, ["Interrupted"]);
    await agent.behave(1, "commit-then-hang");
    const loop = start(w, ["spawn", "--autonomous", "--until-empty", "--grace-period", "1"]);
    const [run] = await waitFor("the agent", async () => ((await agent.runs()).length > 0 ? agent.runs() : undefined));
    loop.child.kill("SIGTERM");
    const ended = await loop.done;

    expect(ended.code, ended.stderr).toBe(0);
    expect(ended.stdout).toContain("stopping: no new issues");
    expect(ended.stdout).toContain("Loop stopped");
    expect(isRunning(run?.pid ?? 0)).toBe(false);
    const store = openCloneStore(w);
    try {
      const [item] = store.attemptsFor(1);
      expect(item?.state).toBe("check-evidence");
      expect(store.latestRun("agent001")?.outcome).toBe("stopped");
    } finally {
      store.close();
    }
    expect(w.repo.issue(1).labels).toContain("agent001");

    const restart = await w.cli(["spawn", "--autonomous", "--until-empty"]);
    expect(restart.code, restart.stderr).toBe(0);
    await expectCleanEnd(w, [1]);
  });

  it("a second loop for the same agent refuses, naming the first; once the first is killed, a new one takes over", async () => {
    const w = world();
    const agent = await setUp(w, ["Occupied"]);
    await agent.behave(1, "commit-then-hang");
    const first = start(w, ["spawn", "--autonomous", "--until-empty"]);
    await waitFor("the agent", async () => (await agent.runs()).length > 0);

    const second = await w.cli(["spawn", "--autonomous", "--once"]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(
      `another loop is already running for agent001 on acme/widgets: pid ${first.child.pid}`,
    );

    first.child.kill("SIGKILL");
    await first.done;
    const third = await w.cli(["spawn", "--autonomous", "--until-empty"]);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stdout).toContain(`took over the lock of pid ${first.child.pid}`);
    await expectCleanEnd(w, [1]);
  });
});
