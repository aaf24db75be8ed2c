import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useWorld, type World } from "../support/e2e-world.js";
import { claimRefsOnOrigin, openCloneStore, startCli, waitFor } from "../support/loop-world.js";
import { deliverOneIssue, headOf, labelAsOwner, loopComments, reportCi } from "../support/review-world.js";

const world = useWorld({ beforeEach, afterEach });

describe("spawn --autonomous: the review phase", () => {
  it("CI fails → the agent reworks it with the failing job's log → CI passes → approved and route:ready_to_merge → landed", async () => {
    const w = world();
    const { agent, issue, pr, branch, head } = await deliverOneIssue(w);
    await reportCi(w, head, "failure");

    const rework = await w.cli(["spawn", "--autonomous", "--once"]);
    expect(rework.code, rework.stderr).toBe(0);
    const runs = await agent.runs();
    expect(runs).toHaveLength(2);
    const prompt = runs[1]?.prompt ?? "";
    expect(prompt).toContain(`pull request #${pr}`);
    expect(prompt).toContain("test");
    expect(prompt).toContain("expected 2, received 3");
    const reworked = await headOf(w, branch);
    expect(reworked).not.toBe(head);
    expect(await w.sandbox.git(w.origin, ["merge-base", "--is-ancestor", head, reworked]).then(() => true)).toBe(true);
    const comments = loopComments(w, pr);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatch(/round 1 of 3/);
    expect(w.repo.pull(pr).labels).toContain("route:review");
    expect(await claimRefsOnOrigin(w)).toEqual([]);

    // Nothing to do while nobody has looked at the new head: CI not reported, no approval.
    expect((await w.cli(["spawn", "--autonomous", "--once"])).code).toBe(6);

    await reportCi(w, reworked, "success");
    await w.repo.addReview(pr, { author: "owner", state: "APPROVED" });
    await labelAsOwner(w, pr, "route:ready_to_merge");
    const landing = await w.cli(["spawn", "--autonomous", "--once"]);
    expect(landing.code, landing.stderr).toBe(0);
    expect(w.repo.pull(pr).merged).toBe(true);
    expect(w.repo.issue(issue).state).toBe("closed");
    expect((await w.sandbox.git(w.origin, ["branch", "--list", branch])).trim()).toBe("");
    expect((await w.sandbox.git(w.clone, ["branch", "--list", branch])).trim()).toBe("");
    expect(loopComments(w, pr)).toHaveLength(1);

    const store = openCloneStore(w);
    try {
      const kinds = store.attemptsFor(issue).map((item) => `${item.kind}:${item.state}`);
      expect(kinds).toEqual(["deliver:done", "rework:done", "land:done"]);
    } finally {
      store.close();
    }
  });

  it("an approval given on an older head does not land the pull request", async () => {
    const w = world();
    const { pr, head } = await deliverOneIssue(w, { review: { auto_merge: true } });
    await w.repo.addReview(pr, { author: "owner", state: "APPROVED", commitId: head });
    // A person pushes a commit to the branch: the approval is now of an older head.
    const person = await w.sandbox.clone(w.origin, "person");
    const branch = w.repo.pull(pr).headRef;
    await w.sandbox.git(person, ["checkout", "-q", branch]);
    await w.sandbox.commitFile(person, "person.txt", "from a person\n", "A person's commit");
    await w.sandbox.git(person, ["push", "-q", "origin", branch]);
    await reportCi(w, await headOf(w, branch), "success");

    const result = await w.cli(["spawn", "--autonomous", "--once"]);
    expect(result.code, result.stdout).toBe(6);
    expect(w.repo.pull(pr).merged).toBe(false);
  });

  it("changes requested with two line comments: the prompt holds both with path and line, one summary comment, review asked again", async () => {
    const w = world();
    const { agent, issue, pr, head } = await deliverOneIssue(w);
    await reportCi(w, head, "success");
    const file = `work-${issue}.txt`;
    await w.repo.addReview(pr, {
      author: "owner",
      state: "CHANGES_REQUESTED",
      body: "Two things before this can go in.",
      comments: [
        { path: file, line: 1, body: "Say which run wrote this line." },
        { path: file, line: 1, body: "And end the file with a blank line." },
      ],
    });

    const rework = await w.cli(["spawn", "--autonomous", "--once"]);

    expect(rework.code, rework.stderr).toBe(0);
    const prompt = (await agent.runs())[1]?.prompt ?? "";
    expect(prompt).toContain("Two things before this can go in.");
    expect(prompt).toContain(`${file}:1`);
    expect(prompt).toContain("Say which run wrote this line.");
    expect(prompt).toContain("And end the file with a blank line.");
    expect(prompt).toMatch(/```diff\n@@/);
    const comments = loopComments(w, pr);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatch(/@owner/);
    expect(w.repo.pull(pr).requestedReviewers).toEqual(["owner"]);
  });

  it("the base advances with a real conflict: the agent gets the conflicting file, resolves it, and the PR is mergeable again", async () => {
    const w = world();
    const { agent, issue, pr, head } = await deliverOneIssue(w);
    await reportCi(w, head, "success");
    const person = await w.sandbox.clone(w.origin, "person");
    await w.sandbox.commitFile(person, `work-${issue}.txt`, "written on main by a person\n", "A conflicting change");
    await w.sandbox.git(person, ["push", "-q", "origin", "main"]);
    const before = await w.api("GET", `/repos/acme/widgets/pulls/${pr}`);
    expect((before.data as { mergeable: boolean }).mergeable).toBe(false);

    const rework = await w.cli(["spawn", "--autonomous", "--once"]);

    expect(rework.code, rework.stderr).toBe(0);
    const prompt = (await agent.runs())[1]?.prompt ?? "";
    expect(prompt).toContain(`work-${issue}.txt`);
    const after = await w.api("GET", `/repos/acme/widgets/pulls/${pr}`);
    expect((after.data as { mergeable: boolean }).mergeable).toBe(true);
    expect(loopComments(w, pr)).toHaveLength(1);
  });

  it("max_rework_rounds spent: the pull request goes to people with route:human-only and one comment", async () => {
    const w = world();
    const { pr, branch, head } = await deliverOneIssue(w, { review: { max_rework_rounds: 1 } });
    await reportCi(w, head, "failure");
    expect((await w.cli(["spawn", "--autonomous", "--once"])).code).toBe(0);
    await reportCi(w, await headOf(w, branch), "failure");

    const handOver = await w.cli(["spawn", "--autonomous", "--once"]);

    expect(handOver.code, handOver.stderr).toBe(0);
    expect(w.repo.pull(pr).labels).toContain("route:human-only");
    const comments = loopComments(w, pr);
    expect(comments).toHaveLength(2);
    expect(comments[1]).toMatch(/rework round/);
    expect(await claimRefsOnOrigin(w)).toEqual([]);
    // Handed over: the loop leaves it alone from now on.
    expect((await w.cli(["spawn", "--autonomous", "--once"])).code).toBe(6);
    expect(loopComments(w, pr)).toHaveLength(2);
  });

  it("a person pushes a commit to the branch while the agent reworks it: the loop's push keeps it", async () => {
    const w = world();
    const { agent, issue, pr, branch, head } = await deliverOneIssue(w);
    await reportCi(w, head, "failure");
    await agent.behave(issue, "slow-commit");
    const loop = startCli(w, ["spawn", "--autonomous", "--once"]);
    await waitFor("the rework run", async () => (await agent.runs()).length === 2);
    const person = await w.sandbox.clone(w.origin, "person");
    await w.sandbox.git(person, ["checkout", "-q", branch]);
    await w.sandbox.commitFile(person, "person.txt", "a person's fix\n", "A person's commit during the rework");
    await w.sandbox.git(person, ["push", "-q", "origin", branch]);

    const ended = await loop.done;

    expect(ended.code, ended.stderr + ended.stdout).toBe(0);
    const subjects = (await w.sandbox.git(w.origin, ["log", "--format=%s", `main..${branch}`])).trim().split("\n");
    expect(subjects).toContain("A person's commit during the rework");
    expect(subjects.some((subject) => subject.startsWith(`Work on #${issue} (run 2`))).toBe(true);
    expect(loopComments(w, pr)).toHaveLength(1);
  });

  it("auto_merge with protection: lands once the required check passed and the required approval is on the head, squashed; GitHub deletes the branch", async () => {
    const w = world();
    const { issue, pr, branch, head } = await deliverOneIssue(w, {
      review: { auto_merge: true, merge_method: "squash" },
    });
    w.repo.updateSettings({ deleteBranchOnMerge: true });
    w.repo.setBranchProtection("main", {
      requiredStatusChecks: { strict: false, contexts: ["test"] },
      requiredPullRequestReviews: { requiredApprovingReviewCount: 1 },
    });
    await w.repo.addReview(pr, { author: "owner", state: "APPROVED" });
    await reportCi(w, head, "in_progress");
    expect((await w.cli(["spawn", "--autonomous", "--once"])).code, "CI still running: nothing to do").toBe(6);
    await reportCi(w, head, "success");
    w.server.clearRequestLog();

    const landing = await w.cli(["spawn", "--autonomous", "--once"]);

    expect(landing.code, landing.stderr).toBe(0);
    expect(w.repo.pull(pr).merged).toBe(true);
    expect(w.repo.issue(issue).state).toBe("closed");
    const parents = (await w.sandbox.git(w.origin, ["log", "-1", "--format=%P", "main"])).trim().split(" ");
    expect(parents, "a squash merge has one parent").toHaveLength(1);
    expect((await w.sandbox.git(w.origin, ["branch", "--list", branch])).trim()).toBe("");
    expect(w.server.countRequests({ method: "DELETE", path: /\/git\/refs\/heads\// }), "GitHub deleted it").toBe(0);
  });

  it.each([
    ["closes the pull request", (w: World, pr: number) => w.repo.closePull(pr), "pr-closed"],
    [
      "takes route:review off it",
      (w: World, pr: number) =>
        w.repo.setIssueLabels(
          pr,
          w.repo.pull(pr).labels.filter((l) => l !== "route:review"),
        ),
      "review-label-removed",
    ],
  ] as const)(
    "a person %s during a rework round: critical drift, the agent stopped, work pushed, claim released, one comment",
    async (_what, act, kind) => {
      const w = world();
      const { agent, issue, pr, branch, head } = await deliverOneIssue(w, { loop: { driftIntervalSeconds: 0.3 } });
      await reportCi(w, head, "failure");
      await agent.behave(issue, "commit-then-hang");
      const loop = startCli(w, ["spawn", "--autonomous", "--once"]);
      await waitFor("the rework agent's commit", async () => {
        const log = await w.sandbox.git(w.clone, ["log", "--format=%s", `main..${branch}`]).catch(() => "");
        return log.includes("(run 2)");
      });
      act(w, pr);

      const ended = await loop.done;

      expect(ended.code, ended.stderr).toBe(0);
      expect(ended.stdout).toContain(`drift (critical): ${kind}`);
      const pushed = await w.sandbox.git(w.origin, ["log", "--all", "--format=%s"]);
      expect(pushed).toContain(`Work on #${issue} (run 2)`);
      expect(await claimRefsOnOrigin(w)).toEqual([]);
      const comments = loopComments(w, pr);
      expect(comments).toHaveLength(1);
      expect(comments[0]).toMatch(/stopped working/);
    },
  );
});
