import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useWorld, type World } from "../support/e2e-world.js";
import { claimRefsOnOrigin, openCloneStore, startCli, waitFor, type RunningCli } from "../support/loop-world.js";
import { deliverOneIssue, headOf, labelAsOwner, loopComments, reportCi } from "../support/review-world.js";

// kill -9 at each step of a rework round and of a landing: the restart finishes the work, never
// leaving a second comment or losing a commit.
const world = useWorld({ beforeEach, afterEach });
const running: RunningCli[] = [];
afterEach(() => {
  for (const cli of running.splice(0)) cli.child.kill("SIGKILL");
});

async function killWhen(w: World, what: string, ready: () => Promise<boolean> | boolean): Promise<void> {
  const loop = startCli(w, ["spawn", "--autonomous", "--once"]);
  running.push(loop);
  await waitFor(what, async () => (await ready()) || undefined);
  loop.child.kill("SIGKILL");
  await loop.done;
}

async function restart(w: World): Promise<string> {
  w.server.clearFaults();
  const result = await w.cli(["spawn", "--autonomous", "--once"]);
  expect(result.code, result.stderr + result.stdout).toBe(0);
  return result.stdout;
}

async function subjectsOn(w: World, branch: string): Promise<string[]> {
  return (await w.sandbox.git(w.origin, ["log", "--format=%s", `main..${branch}`])).trim().split("\n");
}

function kindsOf(w: World, issue: number): string[] {
  const store = openCloneStore(w);
  try {
    return store.attemptsFor(issue).map((item) => `${item.kind}:${item.state}`);
  } finally {
    store.close();
  }
}

describe("spawn --autonomous: kill -9 during the review phase", () => {
  it("while the rework agent runs: the restart stops it, resumes the round, keeps its commit, comments once", async () => {
    const w = world();
    const { agent, issue, pr, branch, head } = await deliverOneIssue(w);
    await reportCi(w, head, "failure");
    await agent.behave(issue, "commit-then-hang");
    await killWhen(w, "the rework agent's commit", async () => {
      const log = await w.sandbox.git(w.clone, ["log", "--format=%s", `main..${branch}`]).catch(() => "");
      return log.includes("(run 2)");
    });

    const output = await restart(w);

    expect(output).toMatch(/restart: resume/);
    const subjects = await subjectsOn(w, branch);
    expect(subjects).toContain(`Work on #${issue} (run 2)`);
    expect(subjects).toContain(`Work on #${issue} (run 3)`);
    expect(loopComments(w, pr)).toHaveLength(1);
    expect(await claimRefsOnOrigin(w)).toEqual([]);
  });

  it("after the push, before the summary comment: the restart comments exactly once", async () => {
    const w = world();
    const { issue, pr, branch, head } = await deliverOneIssue(w);
    await reportCi(w, head, "failure");
    w.server.injectFault({
      method: "POST",
      path: `/repos/acme/widgets/issues/${pr}/comments`,
      kind: "latency",
      ms: 5_000,
    });
    await killWhen(w, "the rework pushed", async () => (await headOf(w, branch)) !== head);
    expect(loopComments(w, pr)).toHaveLength(0);

    await restart(w);

    expect(loopComments(w, pr)).toHaveLength(1);
    expect(await subjectsOn(w, branch)).toContain(`Work on #${issue} (run 2)`);
    expect(kindsOf(w, issue)).toEqual(["deliver:done", "rework:done"]);
  });

  it("after the summary comment, before asking for the review again: still one comment, the review asked", async () => {
    const w = world();
    const { pr, head } = await deliverOneIssue(w);
    await reportCi(w, head, "success");
    await w.repo.addReview(pr, { author: "owner", state: "CHANGES_REQUESTED", body: "Please rename it." });
    w.server.injectFault({
      method: "POST",
      path: `/repos/acme/widgets/pulls/${pr}/requested_reviewers`,
      kind: "latency",
      ms: 5_000,
    });
    await killWhen(w, "the summary comment", () => loopComments(w, pr).length === 1);

    await restart(w);

    expect(loopComments(w, pr)).toHaveLength(1);
    expect(w.repo.pull(pr).requestedReviewers).toEqual(["owner"]);
  });

  it("while landing, after the merge: the restart cleans up, merged once", async () => {
    const w = world();
    const { issue, pr, branch, head } = await deliverOneIssue(w);
    await reportCi(w, head, "success");
    await w.repo.addReview(pr, { author: "owner", state: "APPROVED" });
    await labelAsOwner(w, pr, "route:ready_to_merge");
    w.server.injectFault({ method: "DELETE", path: /\/git\/refs\/heads\//, kind: "latency", ms: 5_000 });
    await killWhen(w, "the merge", () => w.repo.pull(pr).merged);

    const output = await restart(w);

    expect(output).toMatch(/restart: resume — landing/);
    expect(w.repo.issue(issue).state).toBe("closed");
    expect((await w.sandbox.git(w.origin, ["branch", "--list", branch])).trim()).toBe("");
    expect(kindsOf(w, issue)).toEqual(["deliver:done", "land:done"]);
  });

  it("while claiming the pull request for rework: the restart drops the half-made claim and reworks it once", async () => {
    const w = world();
    const { issue, pr, head } = await deliverOneIssue(w);
    await reportCi(w, head, "failure");
    w.server.injectFault({ method: "POST", path: "/repos/acme/widgets/git/refs", kind: "latency", ms: 5_000 });
    await killWhen(w, "the rework's claim", () => kindsOf(w, issue).includes("rework:claim"));

    await restart(w);

    expect(loopComments(w, pr)).toHaveLength(1);
    expect(kindsOf(w, issue)).toEqual(["deliver:done", "rework:abandoned", "rework:done"]);
    expect(await claimRefsOnOrigin(w)).toEqual([]);
  });
});
