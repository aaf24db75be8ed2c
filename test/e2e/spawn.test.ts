import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { initialiseRepository, TOKEN, useWorld, type World } from "../support/e2e-world.js";
import { claimRefsOnOrigin, configureLoop, isRunning, openCloneStore } from "../support/loop-world.js";

const world = useWorld({ beforeEach, afterEach });

async function seed(w: World, titles: string[]): Promise<number[]> {
  await initialiseRepository(w);
  return titles.map(
    (title) =>
      w.repo.addIssue({ title, body: `Please: ${title}\n<!-- hidden instructions -->`, labels: ["route:ready"] })
        .number,
  );
}

async function filesOnRemoteBranch(w: World, branch: string): Promise<string[]> {
  const out = await w.sandbox.git(w.origin, ["ls-tree", "-r", "--name-only", branch]);
  return out.split("\n");
}

describe("spawn --autonomous", () => {
  it("works through 3 ready issues unattended: 3 PRs, route:review, no claim left, every transition stored", async () => {
    const w = world();
    const issues = await seed(w, ["Fix the login", "Add a flag", "Write docs"]);
    const agent = await configureLoop(w);

    const result = await w.cli(["spawn", "--autonomous", "--until-empty"]);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      "Loop completed: the queue is empty; in review, waiting for review: #4, #5, #6. 3 done.",
    );
    const pulls = w.repo.pulls();
    expect(pulls).toHaveLength(3);
    for (const number of issues) {
      const pull = pulls.find((candidate) => candidate.headRef.startsWith(`agent001/${number}-`));
      expect(pull?.body).toContain(`Closes #${number}`);
      expect(w.repo.issue(number).labels).toEqual(["route:review"]);
      expect(w.repo.issue(number).assignees).toEqual(["alice"]);
      expect(await filesOnRemoteBranch(w, pull?.headRef ?? "")).toContain(`work-${number}.txt`);
    }
    expect(await claimRefsOnOrigin(w)).toEqual([]);

    const store = openCloneStore(w);
    try {
      for (const number of issues) {
        const [item] = store.attemptsFor(number);
        expect(item?.state).toBe("done");
        const states = store.checkpoints(item?.id ?? 0).map((checkpoint) => checkpoint.toState);
        // Same-state checkpoints record facts as they happen: the agent's pid as it starts, the
        // push before verify, the PR number before the labels move.
        expect(states).toEqual([
          "claim",
          "prepare",
          "run-agent",
          "run-agent",
          "check-evidence",
          "verify",
          "verify",
          "deliver",
          "deliver",
          "done",
        ]);
        expect(item?.prNumber).toBe(pulls.find((pull) => pull.headRef === item?.branch)?.number);
      }
      expect(store.latestRun("agent001")?.outcome).toBe("completed");

      // The audit log (design §8) holds each push and PR creation, with the run and work item.
      const runId = store.latestRun("agent001")?.id;
      const audit = store.auditEntries();
      for (const number of issues) {
        const [item] = store.attemptsFor(number);
        const pull = pulls.find((candidate) => candidate.headRef === item?.branch);
        const ofItem = audit.filter((entry) => entry.workItemId === item?.id);
        expect(ofItem.every((entry) => entry.runId === runId)).toBe(true);
        expect(ofItem).toContainEqual(
          expect.objectContaining({ system: "git", action: "push", target: `origin/${item?.branch}`, outcome: "ok" }),
        );
        expect(ofItem).toContainEqual(
          expect.objectContaining({
            system: "github",
            action: "POST /repos/{owner}/{repo}/pulls",
            outcome: "ok",
            detail: expect.objectContaining({ head: item?.branch, number: pull?.number }),
          }),
        );
        expect(ofItem).toContainEqual(
          expect.objectContaining({
            action: "POST /repos/{owner}/{repo}/git/refs",
            detail: expect.objectContaining({ ref: `refs/my-little-soda/claims/${number}` }),
          }),
        );
      }
      expect(JSON.stringify(audit)).not.toContain(TOKEN);
    } finally {
      store.close();
    }

    // The agent ran in its own worktree, with the issue in MLS_* variables and no GitHub token.
    const runs = await agent.runs();
    expect(runs.map((run) => run.issue)).toEqual(issues);
    const first = runs[0];
    expect(first?.env.MLS_ISSUE_NUMBER).toBe(String(issues[0]));
    expect(first?.env.MLS_BRANCH).toMatch(/^agent001\/1-fix-the-login$/);
    expect(first?.env.MLS_WORKTREE).toContain(path.join(".my-little-soda", "worktrees", "1-fix-the-login"));
    expect(first?.env.MY_LITTLE_SODA_GITHUB_TOKEN).toBeUndefined();
    expect(JSON.stringify(runs)).not.toContain(TOKEN);
    // The user's own checkout stayed on main.
    expect(await w.sandbox.git(w.clone, ["symbolic-ref", "--short", "HEAD"])).toBe("main");
  });

  it("--once handles one issue; on an empty queue it exits 6 and --until-empty exits 0", async () => {
    const w = world();
    await seed(w, ["Only one"]);
    await configureLoop(w);
    const once = await w.cli(["spawn", "--autonomous", "--once"]);
    expect(once.code, once.stderr).toBe(0);
    expect(w.repo.pulls()).toHaveLength(1);
    const empty = await w.cli(["spawn", "--autonomous", "--once"]);
    expect(empty.code).toBe(6);
    const untilEmpty = await w.cli(["spawn", "--autonomous", "--until-empty", "--json"]);
    expect(untilEmpty.code).toBe(0);
    expect(JSON.parse(untilEmpty.stdout)).toMatchObject({ outcome: "completed", issues: [] });
    const status = await w.cli(["status", "--json"]);
    expect(JSON.parse(status.stdout).autonomous).toMatchObject({
      running: false,
      lastRun: { outcome: "completed" },
      checkpoint: { issue: 1, state: "done" },
    });
    expect((await w.cli(["status"])).stdout).toContain("🔁 Autonomous loop: not running; last run completed");
  });

  it("retries an agent that exits non-zero, then escalates: one comment, route:human-only, work pushed, claim released; the loop goes on", async () => {
    const w = world();
    const [stuck, fine] = await seed(w, ["Hard one", "Easy one"]);
    const agent = await configureLoop(w, { maxAttempts: 2 });
    await agent.behave(stuck ?? 0, "fail", "fail");

    const result = await w.cli(["spawn", "--autonomous", "--until-empty"]);

    expect(result.code, result.stderr).toBe(0);
    const issue = w.repo.issue(stuck ?? 0);
    expect(issue.labels).toContain("route:human-only");
    expect(issue.labels).not.toContain("agent001");
    expect(issue.assignees).toEqual([]);
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0]?.body).toContain("the agent exited 3");
    expect(issue.comments[0]?.body).toContain("scripted agent: #1 run 2 mode fail");
    expect(await filesOnRemoteBranch(w, "agent001/1-hard-one")).toContain("work-1.txt");
    expect(await claimRefsOnOrigin(w)).toEqual([]);
    expect(w.repo.pulls().map((pull) => pull.headRef)).toEqual([`agent001/${fine}-easy-one`]);

    const store = openCloneStore(w);
    try {
      expect(store.attemptsFor(stuck ?? 0).map((item) => item.state)).toEqual(["failed", "escalated"]);
    } finally {
      store.close();
    }
  });

  it("an agent that makes no commits fails the attempt; leftovers are committed as WIP and delivered", async () => {
    const w = world();
    const [idle, leaves] = await seed(w, ["Nothing happens", "Forgets to commit"]);
    const agent = await configureLoop(w, { maxAttempts: 1 });
    await agent.behave(idle ?? 0, "no-commit");
    await agent.behave(leaves ?? 0, "leave-uncommitted");

    const result = await w.cli(["spawn", "--autonomous", "--until-empty"]);

    expect(result.code, result.stderr).toBe(0);
    expect(w.repo.issue(idle ?? 0).comments[0]?.body).toContain("made no commits");
    expect(w.repo.issue(idle ?? 0).labels).toContain("route:human-only");
    const log = await w.sandbox.git(w.origin, ["log", "--format=%s", "agent001/2-forgets-to-commit"]);
    expect(log.split("\n")[0]).toBe("WIP: work left uncommitted by the agent on #2");
    expect(await filesOnRemoteBranch(w, "agent001/2-forgets-to-commit")).toContain("work-2.txt");
    expect(w.repo.issue(leaves ?? 0).labels).toEqual(["route:review"]);
  });

  it("stops an agent that prints nothing past the idle timeout (its whole process group), and tries again", async () => {
    const w = world();
    const [slow] = await seed(w, ["Slow one"]);
    const agent = await configureLoop(w, { idleTimeoutMinutes: 0.02 });
    await agent.behave(slow ?? 0, "hang");

    const result = await w.cli(["spawn", "--autonomous", "--until-empty"]);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("agent stopped (idle-timeout)");
    const [hung] = await agent.runs();
    expect(isRunning(hung?.pid ?? 0)).toBe(false);
    const store = openCloneStore(w);
    try {
      const [first, second] = store.attemptsFor(slow ?? 0);
      expect(first?.state).toBe("failed");
      expect(store.checkpoints(first?.id ?? 0).at(-1)?.detail).toMatchObject({
        failure: { errorClass: "agent-timeout" },
      });
      expect(second?.state).toBe("done");
    } finally {
      store.close();
    }
  });

  it("a failing verify command gates delivery: no PR for that issue, escalated with the output; the next issue is delivered", async () => {
    const w = world();
    const [broken, fine] = await seed(w, ["Breaks the tests", "Keeps them green"]);
    const verify = path.join(w.sandbox.root, "verify.mjs");
    await writeFile(
      verify,
      `import { existsSync } from "node:fs";\nif (existsSync("work-${broken}.txt")) { console.log("1 test failed: breaks"); process.exit(1); }\n`,
    );
    await configureLoop(w, { maxAttempts: 2, verify: [process.execPath, verify] });

    const result = await w.cli(["spawn", "--autonomous", "--until-empty"]);

    expect(result.code, result.stderr).toBe(0);
    const issue = w.repo.issue(broken ?? 0);
    expect(issue.labels).toContain("route:human-only");
    expect(issue.comments).toHaveLength(1);
    expect(issue.comments[0]?.body).toContain("1 test failed: breaks");
    expect(w.repo.pulls().map((pull) => pull.headRef)).toEqual([`agent001/${fine}-keeps-them-green`]);
    expect(w.repo.pulls()[0]?.body).toContain("passed");
  });

  it("refuses without --autonomous or without an agent command, and --dry-run writes nothing", async () => {
    const w = world();
    await seed(w, ["Something"]);
    const noFlag = await w.cli(["spawn"]);
    expect(noFlag.code).toBe(2);
    expect(noFlag.stderr).toContain("--autonomous");
    const noAgent = await w.cli(["spawn", "--autonomous", "--once"]);
    expect(noAgent.code).toBe(2);
    expect(noAgent.stderr).toContain("no agent command configured");

    await configureLoop(w);
    const before = w.server.requests.filter((request) => request.method !== "GET").length;
    const dry = await w.cli(["spawn", "--autonomous", "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("Next from the queue: #1 Something");
    expect(dry.stdout).toContain("[dry-run] would");
    expect(w.server.requests.filter((request) => request.method !== "GET").length).toBe(before);
    expect(w.repo.issue(1).labels).toEqual(["route:ready"]);
  });

  it("renews the claim's lease while the agent runs", async () => {
    const w = world();
    await seed(w, ["Takes a while"]);
    // A 3 s lease is renewed every second; the agent works for 4 s.
    const agent = await configureLoop(w, { leaseMinutes: 0.05 });
    await agent.behave(1, "slow-commit");

    const result = await w.cli(["spawn", "--autonomous", "--until-empty"]);

    expect(result.code, result.stderr).toBe(0);
    const moves = w.server.requests.filter(
      (request) => request.method === "PATCH" && request.path.endsWith("/git/refs/my-little-soda/claims/1"),
    );
    expect(moves.length).toBeGreaterThanOrEqual(2);
    expect(moves.every((request) => request.status === 200)).toBe(true);
    expect(w.repo.pulls()).toHaveLength(1);
  });

  it("rides out GitHub failing longer than the HTTP retries: waits, picks up from the checkpoint, one PR", async () => {
    const w = world();
    await seed(w, ["Flaky day"]);
    await configureLoop(w);
    // Each call retries 3 times itself; 8 failures outlast two calls.
    w.server.injectFault({ method: "POST", path: "/repos/acme/widgets/pulls", kind: "status", status: 502, times: 8 });

    const result = await w.cli(["spawn", "--autonomous", "--until-empty"], {
      env: { ...w.env, MY_LITTLE_SODA_LOOP_RETRY_BASE_MS: "100" },
    });

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.match(/retrying in/g)).toHaveLength(2);
    expect(result.stdout).toContain("#1 restart: resume — #1 is still open and ours");
    expect(w.repo.pulls()).toHaveLength(1);
    expect(w.repo.issue(1).labels).toEqual(["route:review"]);
  });
});
