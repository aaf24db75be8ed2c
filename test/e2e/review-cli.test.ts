import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openAgentPull } from "../support/agent-pull.js";
import { initialiseRepository, useWorld, type World } from "../support/e2e-world.js";
import { claimRefsOnOrigin, startCli, waitFor } from "../support/loop-world.js";
import { deliverOneIssue, headOf, labelAsOwner, loopComments, reportCi } from "../support/review-world.js";

const world = useWorld({ beforeEach, afterEach });

/** An agent's pull request in route:review (and any further labels). */
const inReview = (w: World, branch: string, labels: string[] = []) =>
  openAgentPull(w, branch, ["route:review", ...labels]);

interface ReviewJson {
  number: number;
  agent: string;
  issue: number;
  stage: string;
  reasons: string[];
  approvals: string[];
  pendingChecks: string[];
  awaitingApprovalChecks: string[];
  review: string;
  checks: string;
}

describe("status: each pull request in review with its stage", () => {
  it("waiting for CI, CI failed, changes requested, approved, ready to land, waiting for approval to run, handed to people", async () => {
    const w = world();
    await initialiseRepository(w);
    const running = await inReview(w, "agent001/11-running-ci");
    await reportCi(w, running.head, "in_progress");
    const failed = await inReview(w, "agent001/12-failing-ci");
    await reportCi(w, failed.head, "failure");
    const changes = await inReview(w, "agent002/13-needs-changes");
    await reportCi(w, changes.head, "success");
    await w.repo.addReview(changes.pr, {
      author: "owner",
      state: "CHANGES_REQUESTED",
      body: "Not yet.",
      comments: [
        { path: "agent002-13-needs-changes.txt", line: 1, body: "Say why." },
        { path: "agent002-13-needs-changes.txt", line: 1, body: "And how." },
      ],
    });
    const approved = await inReview(w, "agent001/14-approved");
    await reportCi(w, approved.head, "success");
    await w.repo.addReview(approved.pr, { author: "owner", state: "APPROVED" });
    const ready = await inReview(w, "agent002/15-ready");
    await reportCi(w, ready.head, "success");
    await w.repo.addReview(ready.pr, { author: "owner", state: "APPROVED" });
    await labelAsOwner(w, ready.pr, "route:ready_to_merge");
    const held = await inReview(w, "agent001/16-held-ci");
    await w.repo.addWorkflowRun({
      name: "Deploy",
      ref: held.head,
      jobs: [
        { name: "preview", status: "waiting" },
        { name: "smoke", status: "waiting" },
      ],
    });
    const handed = await inReview(w, "agent003/17-handed-over", ["route:human-only"]);
    await w.openPullRequest({ branch: "feature/not-an-agent", title: "A person's", labels: ["route:review"] });

    const result = await w.cli(["status", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const reviews = (JSON.parse(result.stdout) as { reviews: ReviewJson[] }).reviews;
    const byNumber = new Map(reviews.map((review) => [review.number, review]));
    expect(reviews.map((review) => review.number)).toEqual([
      running.pr,
      failed.pr,
      changes.pr,
      approved.pr,
      ready.pr,
      held.pr,
      handed.pr,
    ]);
    expect(byNumber.get(running.pr)).toMatchObject({
      agent: "agent001",
      issue: 11,
      stage: "waiting-for-ci",
      pendingChecks: ["test"],
      checks: "pending",
    });
    expect(byNumber.get(failed.pr)).toMatchObject({
      stage: "ci-failed",
      reasons: ["CI failed (test)"],
      checks: "failure",
    });
    expect(byNumber.get(changes.pr)).toMatchObject({
      agent: "agent002",
      stage: "changes-requested",
      reasons: ["changes requested by @owner (2 line comments)"],
      review: "changes-requested",
    });
    expect(byNumber.get(approved.pr)).toMatchObject({ stage: "approved", approvals: ["owner"], review: "approved" });
    expect(byNumber.get(ready.pr)).toMatchObject({ stage: "ready-to-land" });
    expect(byNumber.get(held.pr)).toMatchObject({
      stage: "waiting-for-approval-to-run",
      awaitingApprovalChecks: ["preview", "smoke"],
    });
    expect(byNumber.get(handed.pr)).toMatchObject({ agent: "agent003", stage: "handed-to-people" });

    w.server.clearRequestLog();
    const text = await w.cli(["status", "--check"]);
    // Bounded (read-reviews.ts): what status costs without reviews (8) and the list of pull
    // requests, then at most 7 per pull request in review, 2 per base branch, 1 per reviewer.
    // Nothing changed since the first run: every answer is a free 304.
    const requests = w.server.requests.filter((request) => request.path !== "/rate_limit");
    expect(requests.length).toBeLessThanOrEqual(9 + 7 * reviews.length + 2 + 1);
    expect(new Set(requests.map((request) => request.status))).toEqual(new Set([304]));
    expect(text.code, text.stderr).toBe(7);
    const lines = text.stdout.split("\n");
    const stageOf = (pr: number) => lines[lines.findIndex((line) => line.startsWith(`   #${pr} `)) + 1]?.trim();
    expect(lines.find((line) => line.startsWith(`   #${running.pr} `))).toBe(
      `   #${running.pr} Work on agent001/11-running-ci (agent001, closes #11)`,
    );
    expect(stageOf(running.pr)).toBe("⏳ waiting for CI (test)");
    expect(stageOf(failed.pr)).toBe("❌ CI failed (test)");
    expect(stageOf(changes.pr)).toBe("✍️  changes requested by @owner (2 line comments)");
    expect(stageOf(approved.pr)).toBe(
      "✅ approved by @owner; not landing yet: no auto_merge and no route:ready_to_merge by a person with write access",
    );
    expect(stageOf(ready.pr)).toBe("🚀 ready to land");
    expect(stageOf(held.pr)).toBe("⏸️  waiting for approval to run CI (preview, smoke)");
    expect(stageOf(handed.pr)).toBe("🙋 handed to people (route:human-only)");
    // One problem for the pull request whose CI waits, not one per check.
    const problems = lines.filter((line) => line.startsWith("   • "));
    expect(problems).toEqual([
      `   • #${held.pr} has CI waiting for a person's approval to run (preview, smoke): approve the run on GitHub`,
    ]);
    expect(text.stdout).toContain("personal access token or a GitHub App token");
    expect(text.stdout).toContain("GITHUB_TOKEN never trigger workflows");
    expect(text.stderr).toContain("status --check: 1 problem found");
  });

  it("rework rounds from the local store: in progress while the loop reworks (a rework claim, no problem), done after", async () => {
    const w = world();
    const { agent, issue, pr, branch, head } = await deliverOneIssue(w);
    await reportCi(w, head, "failure");
    await agent.behave(issue, "slow-commit");
    const loop = startCli(w, ["spawn", "--autonomous", "--once"]);
    await waitFor("the rework run", async () => (await agent.runs()).length === 2);

    const [during, drifts, continuity] = await Promise.all([
      w.cli(["status", "--check", "--json"]),
      w.cli(["drift-report", "--now", "--json"]),
      w.cli(["continuity-status", "--json"]),
    ]);
    expect(during.code, during.stdout).toBe(0);
    const report = JSON.parse(during.stdout);
    expect(report.reviews[0]).toMatchObject({ number: pr, stage: "ci-failed", reworkInProgress: 1, reworkRounds: 0 });
    expect(report.claims).toEqual([expect.objectContaining({ issue, rework: true, locked: true, marked: false })]);
    expect(report.agent).toMatchObject({ state: "reworking", issue: { number: issue }, pr });
    expect(report.problems).toEqual([]);
    // The reports name the work item's kind and pull request.
    expect(JSON.parse(drifts.stdout).now).toEqual([
      expect.objectContaining({ issue, workKind: "rework", pr, branch, drifts: [] }),
    ]);
    expect(JSON.parse(continuity.stdout)).toMatchObject({
      checkpoint: { issue, kind: "rework", round: 1, pr, current: true },
      restart: { action: "resume", issue, kind: "rework", pr },
    });

    expect((await loop.done).code).toBe(0);
    const afterwards = await w.cli(["continuity-status"]);
    expect(afterwards.stdout).toContain(`📍 Last checkpoint: #${issue} (rework round 1 of PR #${pr}) done`);
    await reportCi(w, await headOf(w, branch), "failure");
    const after = await w.cli(["status"]);
    expect(after.stdout).toContain(
      `   #${pr} Add the widget (agent001, closes #${issue})\n      ❌ CI failed (test) · rework 1 of 3 done`,
    );
  });
});

/** An issue delivered by hand, as a developer would: pop, a commit, bottle (back on main). */
async function deliverByHand(w: World): Promise<{ issue: number; pr: number; branch: string; head: string }> {
  await initialiseRepository(w);
  const issue = w.repo.addIssue({ title: "Make it fizz", labels: ["route:ready"] }).number;
  expect((await w.cli(["pop"])).code).toBe(0);
  await w.sandbox.commitFile(w.clone, "fizz.txt", "fizz\n", "Add fizz");
  const bottle = await w.cli(["bottle", "--json"]);
  expect(bottle.code, bottle.stderr).toBe(0);
  const { pr, branch } = JSON.parse(bottle.stdout) as { pr: { number: number }; branch: string };
  return { issue, pr: pr.number, branch, head: await headOf(w, branch) };
}

const currentBranch = async (w: World) => (await w.sandbox.git(w.clone, ["branch", "--show-current"])).trim();

describe("pop --rework and bottle on a rework branch", () => {
  it("CI failed: dry-run writes nothing; pop --rework claims and checks out with the reasons; bottle delivers one comment; a re-run exits 0", async () => {
    const w = world();
    const { issue, pr, branch, head } = await deliverByHand(w);
    await reportCi(w, head, "failure");

    const dryRun = await w.cli(["pop", "--rework", "--dry-run"]);
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(dryRun.stdout).toContain(`[dry-run] would claim PR #${pr} Make it fizz for rework (round 1 of 3)`);
    expect(dryRun.stdout).toContain("• CI failed (test)");
    expect(dryRun.stdout).toContain(`GitHub: create ref refs/my-little-soda/claims/${issue}`);
    expect(dryRun.stdout).toContain(`git: checkout ${branch}`);
    expect(await claimRefsOnOrigin(w)).toEqual([]);
    expect(await currentBranch(w)).toBe("main");

    const popped = await w.cli(["pop", "--rework"]);
    expect(popped.code, popped.stderr).toBe(0);
    expect(popped.stdout).toContain(`🔧 agent001 claimed PR #${pr} for rework (round 1 of 3): Make it fizz`);
    expect(popped.stdout).toContain("   • CI failed (test)");
    expect(popped.stdout).toContain("### CI failed");
    expect(popped.stdout).toContain("expected 2, received 3");
    expect(await claimRefsOnOrigin(w)).toEqual([`refs/my-little-soda/claims/${issue}`]);
    expect(await currentBranch(w)).toBe(branch);
    const again = await w.cli(["pop", "--rework"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`agent001 already holds a claim on #${issue} (the rework of PR #${pr})`);
    const status = JSON.parse((await w.cli(["status", "--json"])).stdout);
    expect(status.agent).toMatchObject({ state: "reworking", pr });
    expect(status.problems).toEqual([]);

    await w.sandbox.commitFile(w.clone, "fizz.txt", "fizz, fixed\n", "Fix the fizz test");
    const planned = await w.cli(["bottle", "--dry-run"]);
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toContain(`[dry-run] would deliver rework round 1 of 3 to PR #${pr} from ${branch}`);
    expect(planned.stdout).toContain(`git: push origin ${branch} (1 commit)`);
    expect(planned.stdout).toContain(`GitHub: comment on #${pr}: what this rework round changed, for which reason`);
    expect(planned.stdout).toContain(`GitHub: delete ref refs/my-little-soda/claims/${issue}`);
    expect(loopComments(w, pr)).toHaveLength(0);
    const bottle = await w.cli(["bottle", "--json"]);
    expect(bottle.code, bottle.stderr).toBe(0);
    const delivered = JSON.parse(bottle.stdout);
    expect(delivered).toMatchObject({
      pr: { number: pr, draft: false },
      issue,
      reworked: true,
      alreadyDelivered: false,
      round: 1,
      maxRounds: 3,
      reviewRequested: [],
    });
    expect(await headOf(w, branch)).toBe(delivered.head);
    const comments = loopComments(w, pr);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain("round 1 of 3");
    expect(comments[0]).toContain("- CI failed (test): addressed");
    expect(comments[0]).toContain("Fix the fizz test");
    expect(delivered.comment).toMatch(new RegExp(`/${pr}#issuecomment-\\d+$`));
    expect(await claimRefsOnOrigin(w)).toEqual([]);
    expect(await currentBranch(w)).toBe("main");
    expect(w.repo.pull(pr).labels).toContain("route:review");

    const rerun = await w.cli(["bottle", "--issue", String(issue)]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain(`✅ Rework already delivered to PR #${pr} for #${issue}`);
    expect(loopComments(w, pr)).toHaveLength(1);

    // The new head has no CI yet and nobody asked for anything: nothing to rework.
    const nothing = await w.cli(["pop", "--rework", "--json"]);
    expect(nothing.code).toBe(6);
    expect(JSON.parse(nothing.stdout)).toEqual({ schemaVersion: 1, rework: null });
    expect(nothing.stderr).toContain(
      `no pull request of agent001 in route:review needs rework (#${pr} waiting-for-review)`,
    );
  });

  it("changes requested: --json carries the reasons; a person's commit pushed meanwhile is kept; review asked again", async () => {
    const w = world();
    const { issue, pr, branch, head } = await deliverByHand(w);
    await reportCi(w, head, "success");
    await w.repo.addReview(pr, {
      author: "owner",
      state: "CHANGES_REQUESTED",
      body: "Almost.",
      comments: [{ path: "fizz.txt", line: 1, body: "Say buzz too." }],
    });
    writeFileSync(path.join(w.clone, "README.md"), "# widgets, changed\n");
    const dirty = await w.cli(["pop", "--rework"]);
    expect(dirty.code).toBe(5);
    expect(dirty.stderr).toContain("uncommitted changes (README.md)");
    await w.sandbox.git(w.clone, ["checkout", "-q", "--", "README.md"]);

    const popped = await w.cli(["pop", "--rework", "--json"]);
    expect(popped.code, popped.stderr).toBe(0);
    const { rework } = JSON.parse(popped.stdout);
    expect(rework).toMatchObject({
      number: pr,
      issue,
      url: expect.stringMatching(new RegExp(`/pull/${pr}$`)),
      branch,
      stage: "changes-requested",
      round: 1,
      reasons: [
        {
          kind: "changes-requested",
          summary: "changes requested by @owner (1 line comment)",
          reviews: [{ author: "owner", body: "Almost." }],
          lineComments: [expect.objectContaining({ path: "fizz.txt", line: 1, body: "Say buzz too." })],
        },
      ],
    });
    expect(rework.markdown).toContain("#### fizz.txt:1, @owner commented");

    const person = await w.sandbox.clone(w.origin, "person");
    await w.sandbox.git(person, ["checkout", "-q", branch]);
    await w.sandbox.commitFile(person, "person.txt", "a person's fix\n", "A person's commit");
    await w.sandbox.git(person, ["push", "-q", "origin", branch]);
    await w.sandbox.commitFile(w.clone, "fizz.txt", "fizz buzz\n", "Say buzz too");

    const bottle = await w.cli(["bottle"]);
    expect(bottle.code, bottle.stderr).toBe(0);
    expect(bottle.stdout).toContain(`✅ Rework delivered to PR #${pr} (round 1 of 3) for #${issue}`);
    expect(bottle.stdout).toContain("👀 review asked again of @owner");
    const subjects = (await w.sandbox.git(w.origin, ["log", "--format=%s", `main..${branch}`])).trim().split("\n");
    expect(subjects).toEqual(["Say buzz too", "A person's commit", "Add fizz"]);
    expect(w.repo.pull(pr).requestedReviewers).toEqual(["owner"]);
    expect(loopComments(w, pr)).toHaveLength(1);
    expect(await claimRefsOnOrigin(w)).toEqual([]);
  });
});
