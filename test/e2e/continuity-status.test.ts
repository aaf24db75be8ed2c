import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ContinuityReport } from "../../src/autonomous/read-continuity.js";
import { initialiseRepository, useWorld, type World } from "../support/e2e-world.js";
import { isRunning, startCli, waitFor, type RunningCli } from "../support/loop-world.js";
import { createScriptedAgent, type ScriptedAgent } from "../../src/demo/scripted-agent.js";

const world = useWorld({ beforeEach, afterEach });
const loops: RunningCli[] = [];
const agentGroups: number[] = [];
afterEach(() => {
  for (const loop of loops.splice(0)) loop.child.kill("SIGKILL");
  // A hanging agent outlives its killed loop, in its own process group.
  for (const pgid of agentGroups.splice(0)) {
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

/** A local port nothing listens on: GitHub out of reach. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const dbPath = (w: World) => path.join(w.clone, ".my-little-soda", "my-little-soda.db");

async function setUp(w: World, titles: string[]): Promise<ScriptedAgent> {
  await initialiseRepository(w);
  for (const title of titles) w.repo.addIssue({ title, body: title, labels: ["route:ready"] });
  return createScriptedAgent(path.join(w.sandbox.root, "agent"));
}

async function continuity(w: World, env?: NodeJS.ProcessEnv) {
  const result = await w.cli(["continuity-status", "--json"], { env });
  return { ...result, report: JSON.parse(result.stdout) as ContinuityReport };
}

describe("continuity-status", () => {
  it("where no loop ever ran: a plain message and exit 0, nulls in JSON; reset --state-only has nothing to do", async () => {
    const w = world();
    await initialiseRepository(w);

    const human = await w.cli(["continuity-status"]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain("No autonomous state here.");

    const { code, report } = await continuity(w);
    expect(code).toBe(0);
    expect(report).toMatchObject({
      schemaVersion: 1,
      agent: "agent001",
      store: { exists: false },
      integrity: null,
      checkpoint: null,
      run: null,
      loop: null,
      restart: null,
    });

    const reset = await w.cli(["reset", "--state-only", "--yes"]);
    expect(reset.code).toBe(6);
    expect(reset.stderr).toContain("no autonomous state here");
    expect(existsSync(dbPath(w)), "a reset creates no state").toBe(false);

    // Other commands create the store for their HTTP cache; still no state of a loop.
    expect((await w.cli(["peek"])).code).toBe(0);
    expect(existsSync(dbPath(w))).toBe(true);
    const cacheOnly = await w.cli(["continuity-status"]);
    expect(cacheOnly.code, cacheOnly.stderr).toBe(0);
    expect(cacheOnly.stdout).toContain("No autonomous state here for agent001.");
  });

  it("after --until-empty delivered every issue: last checkpoint done, no loop, integrity ok, a restart starts fresh; a truncated file then fails the check", async () => {
    const w = world();
    const agent = await setUp(w, ["First", "Second"]);
    const spawn = await w.cli(["spawn", "--autonomous", "--until-empty", "--agent-cmd", agent.argv.join(" ")]);
    expect(spawn.code, spawn.stderr).toBe(0);

    const { code, report } = await continuity(w);
    expect(code).toBe(0);
    expect(report.store).toMatchObject({ path: dbPath(w), exists: true });
    expect(report.integrity).toEqual({ ok: true, messages: [] });
    // The last issue delivered: which of the two came last is the agent's own order (design §3 "Contention").
    const last = report.checkpoint?.issue === 1 ? "agent001/1-first" : "agent001/2-second";
    expect(report.checkpoint).toMatchObject({ state: "done", current: false, branch: last });
    expect(report.checkpoint?.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(report.checkpoints.at(-1)).toMatchObject({ state: "done" });
    expect(report.run).toMatchObject({
      outcome: "completed",
      reason: expect.stringMatching(/^the queue is empty; in review, waiting for review: /),
    });
    expect(report.loop).toEqual({ running: false, holder: null });
    expect(report.restart).toMatchObject({
      predicted: true,
      action: "start-fresh",
      reason: "no unfinished work: the last checkpoint is done",
    });

    const human = await w.cli(["continuity-status"]);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("integrity check passed");
    expect(human.stdout).toMatch(new RegExp(`Last checkpoint: #${report.checkpoint?.issue ?? 0} done`));
    expect(human.stdout).toContain("Latest run: completed");
    expect(human.stdout).toContain("Loop: not running");
    expect(human.stdout).toContain("A restart would start fresh — no unfinished work");

    const recoveries = await w.cli(["reset", "--recovery-only", "--json"]);
    expect(recoveries.code).toBe(6);
    expect(JSON.parse(recoveries.stdout)).toMatchObject({ scope: "recoveries", deleted: { recoveries: 0 } });

    truncateSync(dbPath(w), Math.floor(statSync(dbPath(w)).size / 2));
    const truncated = readFileSync(dbPath(w));
    const damaged = await continuity(w);
    expect(damaged.code).toBe(7);
    expect(damaged.report.integrity?.ok).toBe(false);
    expect(damaged.report.integrity?.messages.join("\n")).toMatch(/is not a valid my-little-soda database/);
    expect(readFileSync(dbPath(w)).equals(truncated), "the damaged file is kept as it was").toBe(true);
  });

  it("a loop killed with SIGKILL while its agent hangs: state run-agent, loop not running, restart resumes; reset --state-only clears it", async () => {
    const w = world();
    const agent = await setUp(w, ["Hang in there"]);
    await agent.behave(1, "commit-then-hang");
    const loop = startCli(w, ["spawn", "--autonomous", "--once", "--agent-cmd", agent.argv.join(" ")]);
    loops.push(loop);
    const [run] = await waitFor("the agent to start", async () => {
      const runs = await agent.runs();
      return runs.length > 0 ? runs : undefined;
    });
    agentGroups.push(run?.pid ?? 0);

    // While it runs: reported as running, and nothing may be cleared under it.
    const live = await continuity(w);
    expect(live.report.loop).toMatchObject({
      running: true,
      holder: { pid: loop.child.pid, host: os.hostname(), sameHost: true, processAlive: true },
    });
    const refused = await w.cli(["reset", "--state-only", "--yes"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `a loop is running for agent001 on acme/widgets: pid ${loop.child.pid} on ${os.hostname()}`,
    );

    loop.child.kill("SIGKILL");
    await loop.done;
    expect(isRunning(run?.pid ?? 0), "the agent outlives its killed loop").toBe(true);

    const { code, report } = await continuity(w);
    expect(code).toBe(0);
    expect(report.checkpoint).toMatchObject({
      issue: 1,
      state: "run-agent",
      current: true,
      branch: "agent001/1-hang-in-there",
    });
    expect(report.run).toMatchObject({ outcome: "running", pid: loop.child.pid, processAlive: false });
    expect(report.loop).toMatchObject({ running: false, holder: { pid: loop.child.pid, processAlive: false } });
    expect(report.restart).toEqual({
      predicted: true,
      action: "resume",
      at: "run-agent",
      reason: "#1 is still open and ours, and the branch is at the recorded HEAD or ahead",
      issue: 1,
      kind: "deliver",
      pr: null,
      agentRunning: true,
    });

    const human = await w.cli(["continuity-status"]);
    expect(human.stdout).toContain("Current checkpoint: #1 run-agent");
    expect(human.stdout).toContain("🧵 claim → prepare → run-agent\n");
    expect(human.stdout).toContain(
      `Loop: not running (its lock was left by pid ${loop.child.pid} on ${os.hostname()} (this host), which is gone)`,
    );
    expect(human.stdout).toContain("A restart would resume #1 at run-agent — #1 is still open and ours");
    expect(human.stdout).toContain("the agent left running by the previous loop would be stopped first");

    // GitHub out of reach: the local part still shows, and says the prediction is missing.
    const offline = await w.cli(["continuity-status"], {
      env: { ...w.env, MY_LITTLE_SODA_GITHUB_API_URL: `http://127.0.0.1:${await closedPort()}` },
    });
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stdout).toContain("Current checkpoint: #1 run-agent");
    expect(offline.stdout).toContain("What a restart would do could not be predicted");

    const dryRun = await w.cli(["reset", "--state-only", "--dry-run", "--json"]);
    expect(dryRun.code, dryRun.stderr).toBe(0);
    const planned = JSON.parse(dryRun.stdout);
    expect(planned).toMatchObject({
      schemaVersion: 1,
      dryRun: true,
      scope: "state",
      deleted: { runs: 1, workItems: 1 },
      released: [],
      kept: [],
    });
    expect(planned.deleted.checkpoints).toBeGreaterThanOrEqual(4);

    const reset = await w.cli(["reset", "--state-only", "--yes"]);
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stderr, "the hanging agent is named: nothing tracks it after this").toContain(
      `still running (process group ${run?.pid}); once the state is cleared no restart stops it`,
    );
    expect(reset.stdout).toContain(
      `Deleted 1 run, 1 work item and ${planned.deleted.checkpoints} checkpoints from the local autonomous state`,
    );
    expect(w.repo.issue(1).labels, "nothing on GitHub was touched").toContain("agent001");

    const after = await continuity(w);
    expect(after.report).toMatchObject({
      checkpoint: null,
      run: null,
      restart: { action: "start-fresh", reason: "no work recorded yet" },
    });
  });

  it("a file that is not a database is reported as failing the integrity check, exit 7, and left alone", async () => {
    const w = world();
    await initialiseRepository(w);
    const garbage = randomBytes(16_384);
    writeFileSync(dbPath(w), garbage);

    const human = await w.cli(["continuity-status"]);
    expect(human.code).toBe(7);
    expect(human.stdout).toContain("integrity check failed");
    expect(human.stdout).toContain("No checkpoint could be read");
    expect(human.stdout).toContain("is not a valid my-little-soda database");
    const { code, report } = await continuity(w);
    expect(code).toBe(7);
    expect(report.integrity?.ok).toBe(false);
    expect(readFileSync(dbPath(w)).equals(garbage)).toBe(true);
  });
});
