import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openAgentPull } from "../support/agent-pull.js";
import { initialiseRepository, useWorld, type World } from "../support/e2e-world.js";
import { startCli, waitFor } from "../support/loop-world.js";
import { deliverOneIssue, headOf, labelAsOwner, reportCi } from "../support/review-world.js";

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

    const during = await w.cli(["status", "--check", "--json"]);
    expect(during.code, during.stdout).toBe(0);
    const report = JSON.parse(during.stdout);
    expect(report.reviews[0]).toMatchObject({ number: pr, stage: "ci-failed", reworkInProgress: 1, reworkRounds: 0 });
    expect(report.claims).toEqual([expect.objectContaining({ issue, rework: true, locked: true, marked: false })]);
    expect(report.agent).toMatchObject({ state: "reworking", issue: { number: issue }, pr });
    expect(report.problems).toEqual([]);

    expect((await loop.done).code).toBe(0);
    await reportCi(w, await headOf(w, branch), "failure");
    const after = await w.cli(["status"]);
    expect(after.stdout).toContain(
      `   #${pr} Add the widget (agent001, closes #${issue})\n      ❌ CI failed (test) · rework 1 of 3 done`,
    );
  });
});
