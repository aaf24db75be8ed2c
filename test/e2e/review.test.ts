import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useWorld } from "../support/e2e-world.js";
import { claimRefsOnOrigin, openCloneStore } from "../support/loop-world.js";
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
});
