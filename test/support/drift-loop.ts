import type { afterEach } from "vitest";
import type { ScriptedAgent } from "../../src/demo/scripted-agent.js";
import { branchFor } from "../../src/domain/branch-name.js";
import { initialiseRepository, type World } from "./e2e-world.js";
import { configureLoop, openCloneStore, startCli, waitFor, type LoopSetup, type RunningCli } from "./loop-world.js";

// Shared by the spawn-drift*.test.ts files: a loop that checks for drift every 0.3 s.

export const ISSUE = "/repos/acme/widgets/issues";

/** An initialised repository with these ready issues and a scripted agent, drift checked every 0.3 s. */
export async function setUp(w: World, titles: string[], setup: LoopSetup = {}): Promise<ScriptedAgent> {
  await initialiseRepository(w);
  for (const title of titles) w.repo.addIssue({ title, body: title, labels: ["route:ready"] });
  return configureLoop(w, { driftIntervalSeconds: 0.3, ...setup });
}

/** Returns a starter for `spawn --autonomous --until-empty` in the background; each is killed after its test. */
export function useLoops(hooks: { afterEach: typeof afterEach }): (w: World, env?: NodeJS.ProcessEnv) => RunningCli {
  const running: RunningCli[] = [];
  hooks.afterEach(() => {
    for (const cli of running.splice(0)) cli.child.kill("SIGKILL");
  });
  return (w, env = w.env) => {
    const cli = startCli(w, ["spawn", "--autonomous", "--until-empty"], env);
    running.push(cli);
    return cli;
  };
}

export async function agentStarted(agent: ScriptedAgent, issue: number, run = 1) {
  return waitFor(`run ${run} of the agent on #${issue}`, async () =>
    (await agent.runs()).find((r) => r.issue === issue && r.run === run),
  );
}

/** Until the agent's first commit is on its branch in the clone (its work exists, so drift has something to keep). */
export async function agentCommitted(w: World, branch: string): Promise<void> {
  await waitFor(
    "the agent's commit",
    async () => (await w.sandbox.git(w.clone, ["rev-list", "--count", `main..${branch}`]).catch(() => "0")) !== "0",
  );
}

/**
 * A loop started on these ready issues whose agent, on #1, has committed and now hangs: the moment
 * a person changes something under it. The caller acts, then awaits `cli.done`.
 */
export async function agentMidWork(
  w: World,
  start: (w: World) => RunningCli,
  titles: [string, ...string[]],
): Promise<{ agent: ScriptedAgent; cli: RunningCli; run: Awaited<ReturnType<typeof agentStarted>> }> {
  const agent = await setUp(w, titles);
  await agent.behave(1, "commit-then-hang");
  const cli = start(w);
  const run = await agentStarted(agent, 1);
  await agentCommitted(w, branchFor("agent001", { number: 1, title: titles[0] }));
  return { agent, cli, run };
}

/** The drifts recorded in the clone's store. */
export function drifts(w: World) {
  const store = openCloneStore(w);
  try {
    return store.listDrifts();
  } finally {
    store.close();
  }
}

/** Subjects of the commits on `ref` in the origin that main does not have. */
export async function remoteLog(w: World, ref: string): Promise<string[]> {
  const out = await w.sandbox.git(w.origin, ["log", "--format=%s", `main..${ref}`]).catch(() => "");
  return out.split("\n").filter((line) => line !== "");
}
