import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { initialiseRepository, USER, useWorld, type World } from "../support/e2e-world.js";
import {
  claimRefsOnOrigin,
  configureLoop,
  isRunning,
  openCloneStore,
  startCli,
  waitFor,
  type LoopSetup,
  type RunningCli,
} from "../support/loop-world.js";
import type { ScriptedAgent } from "../../src/demo/scripted-agent.js";

const world = useWorld({ beforeEach, afterEach });
const running: RunningCli[] = [];
afterEach(() => {
  for (const cli of running.splice(0)) cli.child.kill("SIGKILL");
});

const ISSUE = "/repos/acme/widgets/issues";

async function setUp(w: World, titles: string[], setup: LoopSetup = {}): Promise<ScriptedAgent> {
  await initialiseRepository(w);
  for (const title of titles) w.repo.addIssue({ title, body: title, labels: ["route:ready"] });
  return configureLoop(w, { driftIntervalSeconds: 0.3, ...setup });
}

function loop(w: World, env: NodeJS.ProcessEnv = w.env): RunningCli {
  const cli = startCli(w, ["spawn", "--autonomous", "--until-empty"], env);
  running.push(cli);
  return cli;
}

async function agentStarted(agent: ScriptedAgent, issue: number, run = 1) {
  return waitFor(`run ${run} of the agent on #${issue}`, async () =>
    (await agent.runs()).find((r) => r.issue === issue && r.run === run),
  );
}

function drifts(w: World) {
  const store = openCloneStore(w);
  try {
    return store.listDrifts();
  } finally {
    store.close();
  }
}

async function remoteLog(w: World, ref: string): Promise<string[]> {
  const out = await w.sandbox.git(w.origin, ["log", "--format=%s", `main..${ref}`]).catch(() => "");
  return out.split("\n").filter((line) => line !== "");
}

describe("spawn --autonomous: drift made by people while the loop runs", () => {
  it.each([
    ["issue-closed", "the issue is closed", (w: World) => w.api("PATCH", `${ISSUE}/1`, { state: "closed" })],
    ["reassigned", "the issue is reassigned", (w: World) => w.api("PATCH", `${ISSUE}/1`, { assignees: ["owner"] })],
    [
      "human-only-added",
      "route:human-only is added",
      (w: World) => w.api("POST", `${ISSUE}/1/labels`, { labels: ["route:human-only"] }),
    ],
  ] as const)(
    "%s: when %s, the agent is stopped, its work pushed, the claim released, one comment; the next issue goes on",
    async (kind, _what, act) => {
      const w = world();
      const agent = await setUp(w, ["Being worked on", "Next one"]);
      await agent.behave(1, "commit-then-hang");
      const cli = loop(w);
      const run = await agentStarted(agent, 1);
      await waitFor(
        "the agent's commit",
        async () =>
          (await w.sandbox
            .git(w.clone, ["rev-list", "--count", "main..agent001/1-being-worked-on"])
            .catch(() => "0")) !== "0",
      );

      await act(w);
      const ended = await cli.done;

      expect(ended.code, ended.stderr).toBe(0);
      expect(ended.stdout).toContain(`#1 drift (critical): ${kind}`);
      expect(isRunning(run.pid)).toBe(false);
      const issue = w.repo.issue(1);
      expect(issue.comments).toHaveLength(1);
      expect(issue.comments[0]?.body).toContain("Its work so far is on the branch `agent001/1-being-worked-on`");
      expect(issue.labels).not.toContain("agent001");
      expect(await remoteLog(w, "agent001/1-being-worked-on")).toContain("Work on #1 (run 1)");
      expect(await claimRefsOnOrigin(w)).toEqual([]);
      expect(w.repo.pulls().map((pull) => pull.headRef)).toEqual(["agent001/2-next-one"]);
      const recorded = drifts(w).filter((drift) => drift.issueNumber === 1);
      expect(recorded.map((drift) => [drift.kind, drift.severity, drift.outcome])).toEqual([
        [kind, "critical", "abandoned"],
      ]);
    },
  );

  it("branch deleted on the remote while the agent runs: moderate, pushed again, delivered", async () => {
    const w = world();
    const marker = path.join(w.sandbox.root, "verified-once");
    const verify = path.join(w.sandbox.root, "verify.mjs");
    await writeFile(
      verify,
      `import { existsSync, writeFileSync } from "node:fs";\nif (!existsSync(${JSON.stringify(marker)})) { writeFileSync(${JSON.stringify(marker)}, "x"); process.exit(1); }\n`,
    );
    const agent = await setUp(w, ["Flaky tests"], { verify: [process.execPath, verify] });
    await agent.behave(1, "commit", "slow-commit");
    const cli = loop(w);
    await agentStarted(agent, 1, 2);
    // Attempt 1 pushed before its verify failed; a person deletes that branch during attempt 2.
    expect(await remoteLog(w, "agent001/1-flaky-tests")).toEqual(["Work on #1 (run 1)"]);
    await w.sandbox.git(w.origin, ["update-ref", "-d", "refs/heads/agent001/1-flaky-tests"]);

    const ended = await cli.done;

    expect(ended.code, ended.stderr).toBe(0);
    expect(ended.stdout).toContain("#1 drift (moderate): branch-deleted — pushed agent001/1-flaky-tests again");
    expect(w.repo.pulls()).toHaveLength(1);
    expect(await remoteLog(w, "agent001/1-flaky-tests")).toEqual(["Work on #1 (run 2, slowly)", "Work on #1 (run 1)"]);
    expect(drifts(w).map((drift) => [drift.kind, drift.severity, drift.outcome])).toEqual([
      ["branch-deleted", "moderate", "corrected"],
    ]);
  });

  it("a person takes the agent label off: moderate, put back; nothing else changes", async () => {
    const w = world();
    const agent = await setUp(w, ["Relabelled"]);
    await agent.behave(1, "slow-commit");
    const cli = loop(w);
    await agentStarted(agent, 1);
    await w.api("DELETE", `${ISSUE}/1/labels/agent001`);

    const ended = await cli.done;

    expect(ended.code, ended.stderr).toBe(0);
    expect(drifts(w).map((drift) => [drift.kind, drift.severity, drift.outcome])).toEqual([
      ["agent-label-removed", "moderate", "corrected"],
    ]);
    expect(w.repo.issue(1).labels).toEqual(["route:review"]);
    expect(w.repo.pulls()).toHaveLength(1);
  });

  it.each([
    ["a non-conflicting", "other.txt", "rebased onto origin/main", "corrected"],
    ["a conflicting", "work-1.txt", "hit a conflict and was aborted", "failed"],
  ] as const)(
    "the base advances by %s commit: moderate, rebased (or left for a person on conflict), delivered",
    async (_kind, file, action, outcome) => {
      const w = world();
      const agent = await setUp(w, ["Base moves"], { maxCommitsBehindBase: 0 });
      await agent.behave(1, "slow-commit");
      const cli = loop(w);
      await agentStarted(agent, 1);
      const person = await w.sandbox.clone(w.origin, "person");
      await w.sandbox.commitFile(person, file, "a person's change\n", "A person's change on main");
      await w.sandbox.git(person, ["push", "-q", "origin", "main"]);

      const ended = await cli.done;

      expect(ended.code, ended.stderr).toBe(0);
      const [drift] = drifts(w);
      expect(drift).toMatchObject({ kind: "base-ahead", severity: "moderate", outcome });
      expect(drift?.action).toContain(action);
      expect(w.repo.pulls()).toHaveLength(1);
      const onBranch = await w.sandbox.git(w.origin, ["log", "--format=%s", "agent001/1-base-moves"]);
      expect(onBranch.includes("A person's change on main")).toBe(outcome === "corrected");
    },
  );

  it("pr-closed: a PR closed by a person before the loop finished delivering is not reopened; one comment, claim released", async () => {
    const w = world();
    await setUp(w, ["Unwanted"]);
    w.server.injectFault({ method: "POST", path: `${ISSUE}/1/labels`, kind: "latency", ms: 4_000 });
    const first = loop(w);
    // The PR's number is checkpointed as soon as its answer arrives, before the labels move.
    await waitFor("the pull request's checkpoint", () => {
      const store = openCloneStore(w);
      try {
        return store.attemptsFor(1)[0]?.prNumber;
      } finally {
        store.close();
      }
    });
    first.child.kill("SIGKILL");
    await first.done;
    w.server.clearFaults();
    const pull = w.repo.pulls()[0];
    w.repo.closePull(pull?.number ?? 0);

    const restart = await startCli(w, ["spawn", "--autonomous", "--until-empty"]).done;

    expect(restart.code, restart.stderr).toBe(0);
    expect(restart.stdout).toContain("#1 drift (critical): pr-closed");
    expect(w.repo.pulls()).toHaveLength(1);
    expect(w.repo.issue(1).comments).toHaveLength(1);
    expect(w.repo.issue(1).labels).not.toContain("agent001");
    expect(await claimRefsOnOrigin(w)).toEqual([]);
    expect(drifts(w).map((drift) => drift.kind)).toEqual(["pr-closed"]);
  });

  it("polling an unchanged issue while the agent runs costs no rate limit (conditional requests)", async () => {
    const w = world();
    const agent = await setUp(w, ["Quiet"]);
    await agent.behave(1, "slow-commit");
    const cli = loop(w);
    await agentStarted(agent, 1);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const before = w.server.rateLimitOf(USER).used;
    const requestsBefore = w.server.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const after = w.server.rateLimitOf(USER).used;
    const polls = w.server.requests
      .slice(requestsBefore)
      .filter((request) => request.method === "GET" && request.path === `${ISSUE}/1`);
    await cli.done;

    expect(polls.length).toBeGreaterThanOrEqual(4);
    expect(polls.every((request) => request.status === 304)).toBe(true);
    // A request counted a moment before `before` may be refunded as a 304 after it: ≤ 0, not = 0.
    expect(after - before).toBeLessThanOrEqual(0);
  });

  it("no drift is reported on a clean 10-issue run", async () => {
    const w = world();
    await setUp(
      w,
      Array.from({ length: 10 }, (_, i) => `Clean task ${i + 1}`),
    );
    const result = await w.cli(["spawn", "--autonomous", "--until-empty"]);
    expect(result.code, result.stderr).toBe(0);
    expect(w.repo.pulls()).toHaveLength(10);
    expect(drifts(w)).toEqual([]);
    expect(result.stdout).not.toContain("drift");
  });

  it("drift-report --now checks the current claims right away, without the loop and without changing anything", async () => {
    const w = world();
    await setUp(w, ["Claimed by hand", "Also claimed"]);
    expect((await w.cli(["pop", "--worktree"])).code).toBe(0);
    const clean = await w.cli(["drift-report", "--now"]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain("✅ #1 Claimed by hand (agent001/1-claimed-by-hand): as expected");

    await w.api("POST", `${ISSUE}/1/labels`, { labels: ["route:human-only"] });
    const writesBefore = w.server.requests.filter((request) => request.method !== "GET").length;
    const found = await w.cli(["drift-report", "--now", "--json"]);

    expect(found.code, found.stderr).toBe(0);
    const report = JSON.parse(found.stdout) as {
      now: Array<{ issue: number; drifts: Array<{ kind: string; severity: string }> }>;
    };
    expect(report.now).toEqual([
      {
        issue: 1,
        title: "Claimed by hand",
        workKind: "deliver",
        pr: null,
        branch: "agent001/1-claimed-by-hand",
        drifts: [expect.objectContaining({ kind: "human-only-added", severity: "critical" })],
      },
    ]);
    expect(w.server.requests.filter((request) => request.method !== "GET").length).toBe(writesBefore);
    expect(w.repo.issue(1).labels).toContain("agent001");
  });

  it("an issue closed while no loop was running is found at restart: work pushed, claim released, one comment", async () => {
    const w = world();
    const agent = await setUp(w, ["Closed meanwhile"]);
    await agent.behave(1, "commit-then-hang");
    const first = loop(w);
    await agentStarted(agent, 1);
    await waitFor(
      "the agent's commit",
      async () =>
        (await w.sandbox
          .git(w.clone, ["rev-list", "--count", "main..agent001/1-closed-meanwhile"])
          .catch(() => "0")) !== "0",
    );
    first.child.kill("SIGKILL");
    await first.done;
    await w.api("PATCH", `${ISSUE}/1`, { state: "closed" });

    const restart = await startCli(w, ["spawn", "--autonomous", "--until-empty"]).done;

    expect(restart.code, restart.stderr).toBe(0);
    expect(restart.stdout).toContain("#1 restart: resync — #1 was closed");
    expect(w.repo.issue(1).comments).toHaveLength(1);
    expect(await remoteLog(w, "agent001/1-closed-meanwhile")).toEqual(["Work on #1 (run 1)"]);
    expect(await claimRefsOnOrigin(w)).toEqual([]);
    expect(drifts(w).map((drift) => [drift.kind, drift.outcome])).toEqual([["issue-closed", "abandoned"]]);
  });
});
