import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findStaleClaims } from "../../../src/core/takeover/find-stale-claims.js";
import { takeOverClaim } from "../../../src/core/takeover/take-over-claim.js";
import { parseLeaseMessage } from "../../../src/domain/lease.js";
import { ClaimLostError } from "../../../src/errors/index.js";
import { createOctokit } from "../../../src/github/create-octokit.js";
import { GitHubIssueTracker } from "../../../src/github/github-issue-tracker.js";
import { ALICE_TOKEN, createHarness, OWNER, REPO, type Harness } from "../fake-github/harness.js";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  h.server.assertNoUnexpectedRequests();
  await h.close();
});

/** One agent's view of GitHub: its own Octokit and tracker, as each loop process has. */
function trackerFor(): GitHubIssueTracker {
  const octokit = createOctokit({ token: ALICE_TOKEN, baseUrl: h.server.url, userAgent: "test", writeSpacingMs: 0 });
  return new GitHubIssueTracker({ octokit, owner: OWNER, repo: REPO });
}

const HOUR = 3_600_000;

/** A claim by agent001 on a new issue whose heartbeat is two hours old. */
async function staleClaim(tracker: GitHubIssueTracker, now: Date) {
  const issue = h.repo.addIssue({ title: "Make it fizz", labels: ["agent001"], assignees: ["alice"] });
  const lease = {
    agent: "agent001",
    login: "alice",
    host: "gone",
    runId: "r1",
    heartbeatAt: new Date(now.getTime() - 2 * HOUR),
    epoch: 1,
    leaseMinutes: 30,
  };
  const sha = await tracker.createLeaseCommit(lease);
  await tracker.createClaimRef(issue.number, sha);
  return { issue, sha };
}

describe("taking a stale claim over", () => {
  it("5 contenders for one stale claim: exactly one wins, at epoch 2, and the others are told they lost", async () => {
    const now = new Date();
    const trackers = Array.from({ length: 5 }, trackerFor);
    const { issue, sha } = await staleClaim(trackers[0] as GitHubIssueTracker, now);
    const outcomes = await Promise.all(
      trackers.map(async (tracker, index) => {
        const agentId = `agent00${index + 2}`;
        const [stale] = await findStaleClaims(tracker, { agentId, now, leaseMinutes: 30 });
        if (!stale) throw new Error(`${agentId} saw no stale claim`);
        const identity = { agentId, login: "alice", host: "h", runId: `r${index}`, now: () => now, leaseMinutes: 30 };
        return { agentId, taken: await takeOverClaim(tracker, stale, identity) };
      }),
    );
    const winners = outcomes.filter((outcome) => outcome.taken !== undefined);
    expect(winners).toHaveLength(1);
    const winner = winners[0];
    const ref = await h.api("GET", `git/ref/my-little-soda/claims/${issue.number}`);
    const head = await h.api("GET", `git/commits/${ref.data.object.sha}`);
    expect(parseLeaseMessage(head.data.message)).toMatchObject({ agent: winner?.agentId, epoch: 2, leaseMinutes: 30 });
    // A fast-forward from the stale lease: its parent is the old holder's commit.
    expect(head.data.parents.map((parent: { sha: string }) => parent.sha)).toEqual([sha]);
    const labels = h.repo.issue(issue.number).labels;
    expect(labels).toContain(winner?.agentId);
    expect(labels).not.toContain("agent001");
    expect(labels.filter((label) => /^agent\d+$/.test(label))).toHaveLength(1);
    expect(winner?.taken?.continueFrom).toBe("agent001/1-make-it-fizz");
  });

  it("the old holder is fenced: its heartbeat (a child of its own lease) no longer fast-forwards", async () => {
    const now = new Date();
    const tracker = trackerFor();
    const { issue, sha } = await staleClaim(tracker, now);
    const [stale] = await findStaleClaims(tracker, { agentId: "agent002", now, leaseMinutes: 30 });
    expect(stale?.issueNumber).toBe(issue.number);
    const identity = { agentId: "agent002", login: "alice", host: "h", runId: "r2", now: () => now, leaseMinutes: 30 };
    expect(await takeOverClaim(tracker, stale!, identity)).toBeDefined();
    const old = await tracker.readLease(sha);
    const heartbeat = await tracker.createLeaseCommit({ ...old!, heartbeatAt: now }, sha);
    await expect(tracker.moveClaimRef(issue.number, heartbeat)).rejects.toBeInstanceOf(ClaimLostError);
  });

  it("a lease is stale by its own lifetime: a claim made by hand (72 h) is not taken over after 2 h", async () => {
    const now = new Date();
    const tracker = trackerFor();
    const issue = h.repo.addIssue({ title: "By hand", labels: ["agent001"] });
    const lease = {
      agent: "agent001",
      login: "alice",
      host: "laptop",
      runId: "r",
      heartbeatAt: new Date(now.getTime() - 2 * HOUR),
      epoch: 1,
      leaseMinutes: 72 * 60,
    };
    await tracker.createClaimRef(issue.number, await tracker.createLeaseCommit(lease));
    expect(await findStaleClaims(tracker, { agentId: "agent002", now, leaseMinutes: 30 })).toEqual([]);
    const later = new Date(now.getTime() + 71 * HOUR);
    expect(await findStaleClaims(tracker, { agentId: "agent002", now: later, leaseMinutes: 30 })).toHaveLength(1);
  });
});
