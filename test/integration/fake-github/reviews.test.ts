import type { Octokit } from "@octokit/rest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHarness, failure, octokitFor, OWNER_TOKEN, pushBranch, type Harness } from "./harness.js";

// Reviews and review requests, with GitHub's rules, and reviews keeping the head they were given on.

let h: Harness;
let alice: Octokit;
let bob: Octokit;
let owner: Octokit;
let clone: string;
const repo = { owner: "acme", repo: "widgets" };

/** A pull request alice opens from a fresh branch. */
async function openPull(branch: string): Promise<{ number: number; head: string }> {
  const head = await pushBranch(h, clone, branch, `${branch}.txt`, "one\ntwo\n");
  const { data } = await alice.rest.pulls.create({ ...repo, title: branch, head: branch, base: "main" });
  return { number: data.number, head };
}

beforeAll(async () => {
  h = await createHarness();
  h.server.addUser("bob", "tok-bob");
  h.repo.setPermission("bob", "write");
  alice = octokitFor(h);
  bob = octokitFor(h, "tok-bob");
  owner = octokitFor(h, OWNER_TOKEN);
  clone = await h.sandbox.clone(h.origin, "reviews-clone");
});
afterAll(() => h.close());
afterEach(() => h.server.assertNoUnexpectedRequests());

describe("submitting reviews", () => {
  it("records an approval on the current head, with GitHub's fields, answering 200", async () => {
    const pr = await openPull("approve-me");
    const res = await owner.rest.pulls.createReview({
      ...repo,
      pull_number: pr.number,
      event: "APPROVE",
      body: "ship it",
    });
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({
      state: "APPROVED",
      body: "ship it",
      commit_id: pr.head,
      user: { login: "acme" },
      author_association: "OWNER",
      pull_request_url: `${h.server.url}/repos/acme/widgets/pulls/${pr.number}`,
    });
    expect(res.data.submitted_at).toMatch(/^\d{4}-.*Z$/);
    const list = await alice.rest.pulls.listReviews({ ...repo, pull_number: pr.number });
    expect(list.data.map((r) => [r.user?.login, r.state])).toEqual([["acme", "APPROVED"]]);
  });

  it("refuses the author's own approval or change request with 422, as GitHub does", async () => {
    const pr = await openPull("own-pr");
    const approve = await failure(alice.rest.pulls.createReview({ ...repo, pull_number: pr.number, event: "APPROVE" }));
    expect(approve).toMatchObject({
      status: 422,
      data: { message: "Unprocessable Entity", errors: ["Can not approve your own pull request"] },
    });
    const changes = await failure(
      alice.rest.pulls.createReview({ ...repo, pull_number: pr.number, event: "REQUEST_CHANGES", body: "hmm" }),
    );
    expect(changes.data.errors).toEqual(["Can not request changes on your own pull request"]);
    // Commenting on one's own pull request is fine.
    await alice.rest.pulls.createReview({ ...repo, pull_number: pr.number, event: "COMMENT", body: "note to self" });
    const blank = await failure(
      bob.rest.pulls.createReview({ ...repo, pull_number: pr.number, event: "REQUEST_CHANGES" }),
    );
    expect(blank.status).toBe(422);
  });

  it("files line comments given with a review under that review", async () => {
    const pr = await openPull("with-comments");
    const review = await bob.rest.pulls.createReview({
      ...repo,
      pull_number: pr.number,
      event: "REQUEST_CHANGES",
      body: "see inline",
      comments: [{ path: "with-comments.txt", line: 2, body: "two? really?" }],
    });
    const comments = await alice.rest.pulls.listReviewComments({ ...repo, pull_number: pr.number });
    expect(comments.data).toEqual([
      expect.objectContaining({ pull_request_review_id: review.data.id, path: "with-comments.txt", line: 2 }),
    ]);
    const outside = await failure(
      bob.rest.pulls.createReview({
        ...repo,
        pull_number: pr.number,
        event: "COMMENT",
        comments: [{ path: "with-comments.txt", line: 40, body: "nowhere" }],
      }),
    );
    expect(outside).toMatchObject({
      status: 422,
      data: { message: "Unprocessable Entity", errors: ["Pull request review thread line must be part of the diff"] },
    });
    // Nothing of the refused review was kept.
    expect((await alice.rest.pulls.listReviews({ ...repo, pull_number: pr.number })).data).toHaveLength(1);
  });

  it("keeps a pending review to its author, one per person", async () => {
    const pr = await openPull("pending");
    const pending = await bob.rest.pulls.createReview({ ...repo, pull_number: pr.number, body: "draft" });
    expect(pending.data.state).toBe("PENDING");
    expect(pending.data).not.toHaveProperty("submitted_at");
    expect((await bob.rest.pulls.listReviews({ ...repo, pull_number: pr.number })).data).toHaveLength(1);
    expect((await alice.rest.pulls.listReviews({ ...repo, pull_number: pr.number })).data).toEqual([]);
    const second = await failure(bob.rest.pulls.createReview({ ...repo, pull_number: pr.number, body: "again" }));
    expect(second.data.errors).toEqual(["User can only have one pending review per pull request"]);
  });
});

describe("reviews across pushes", () => {
  it("leaves an approval on the head it was given on, so a newer head is visibly unapproved", async () => {
    const pr = await openPull("moving");
    await bob.rest.pulls.createReview({ ...repo, pull_number: pr.number, event: "APPROVE" });
    const newer = await pushBranch(h, clone, "moving", "more.txt", "more\n", "moving");
    const { data: pull } = await alice.rest.pulls.get({ ...repo, pull_number: pr.number });
    expect(pull.head.sha).toBe(newer);
    const { data: reviews } = await alice.rest.pulls.listReviews({ ...repo, pull_number: pr.number });
    expect(reviews).toEqual([expect.objectContaining({ state: "APPROVED", commit_id: pr.head })]);
    expect(reviews[0]?.commit_id).not.toBe(newer);
  });

  it("dismisses older approvals on a push when protection asks for it", async () => {
    h.repo.setBranchProtection("main", { requiredPullRequestReviews: { dismissStaleReviews: true } });
    const pr = await openPull("stale");
    await bob.rest.pulls.createReview({ ...repo, pull_number: pr.number, event: "APPROVE" });
    await owner.rest.pulls.createReview({ ...repo, pull_number: pr.number, event: "REQUEST_CHANGES", body: "no" });
    await pushBranch(h, clone, "stale", "later.txt", "later\n", "stale");
    const { data } = await alice.rest.pulls.listReviews({ ...repo, pull_number: pr.number });
    // Change requests stand; only approvals go stale.
    expect(data.map((r) => r.state)).toEqual(["DISMISSED", "CHANGES_REQUESTED"]);
    h.repo.setBranchProtection("main", null);
  });

  it("lets a test seed a review on a given commit, or on the head as pushed, with line comments", async () => {
    const pr = await openPull("seeded");
    await pushBranch(h, clone, "seeded", "newer.txt", "n\n", "seeded");
    const review = await h.repo.addReview(pr.number, { author: "bob", state: "APPROVED", commitId: pr.head });
    expect(review).toMatchObject({ state: "APPROVED", commitId: pr.head, author: "bob" });
    // Without commitId: the head as pushed, even before anything read the pull request.
    const latest = await h.repo.addReview(pr.number, {
      author: "acme",
      state: "CHANGES_REQUESTED",
      body: "no",
      comments: [{ path: "seeded.txt", line: 1, body: "this one" }],
    });
    expect(latest.commitId).toBe(await h.sandbox.git(h.origin, ["rev-parse", "refs/heads/seeded"]));
    await h.repo.addReviewComment(pr.number, {
      author: "acme",
      path: "newer.txt",
      line: 1,
      body: "and this",
      reviewId: latest.id,
    });
    const comments = (await alice.rest.pulls.listReviewComments({ ...repo, pull_number: pr.number })).data;
    expect(comments.map((c) => [c.pull_request_review_id, c.path])).toEqual([
      [latest.id, "seeded.txt"],
      [latest.id, "newer.txt"],
    ]);
    await expect(
      h.repo.addReview(pr.number, {
        author: "acme",
        state: "COMMENTED",
        comments: [{ path: "nope.txt", line: 1, body: "?" }],
      }),
    ).rejects.toThrow(/fake GitHub would refuse this: 422/);
  });

  it("stores a seeded review before the call returns, even one GitHub would refuse", async () => {
    const pr = await openPull("unawaited");
    // Older tests call it without await, and seed states a person could not reach.
    void h.repo.addReview(pr.number, { author: "alice", state: "APPROVED" });
    expect(h.repo.pull(pr.number).reviews).toEqual([expect.objectContaining({ author: "alice", state: "APPROVED" })]);
  });
});

describe("review requests", () => {
  it("requests, lists, answers on review, re-requests and removes reviewers", async () => {
    const pr = await openPull("requests");
    const requested = await alice.rest.pulls.requestReviewers({ ...repo, pull_number: pr.number, reviewers: ["bob"] });
    expect(requested.status).toBe(201);
    expect(requested.data.requested_reviewers?.map((u) => u.login)).toEqual(["bob"]);
    const listed = await alice.rest.pulls.listRequestedReviewers({ ...repo, pull_number: pr.number });
    expect(listed.data).toEqual({ users: [expect.objectContaining({ login: "bob" })], teams: [] });
    expect((await alice.rest.pulls.get({ ...repo, pull_number: pr.number })).data.requested_reviewers).toEqual([
      expect.objectContaining({ login: "bob" }),
    ]);

    await bob.rest.pulls.createReview({ ...repo, pull_number: pr.number, event: "REQUEST_CHANGES", body: "fix" });
    expect((await alice.rest.pulls.listRequestedReviewers({ ...repo, pull_number: pr.number })).data.users).toEqual([]);

    await alice.rest.pulls.requestReviewers({ ...repo, pull_number: pr.number, reviewers: ["bob", "acme"] });
    const removed = await alice.rest.pulls.removeRequestedReviewers({
      ...repo,
      pull_number: pr.number,
      reviewers: ["bob"],
    });
    expect(removed.status).toBe(200);
    expect(removed.data.requested_reviewers?.map((u) => u.login)).toEqual(["acme"]);
    expect(h.repo.pull(pr.number).requestedReviewers).toEqual(["acme"]);
  });

  it("refuses the author and people without access, with GitHub's messages", async () => {
    const pr = await openPull("bad-requests");
    const self = await failure(
      alice.rest.pulls.requestReviewers({ ...repo, pull_number: pr.number, reviewers: ["alice"] }),
    );
    expect(self).toMatchObject({
      status: 422,
      data: { message: "Review cannot be requested from pull request author." },
    });
    const outsider = await failure(
      alice.rest.pulls.requestReviewers({ ...repo, pull_number: pr.number, reviewers: ["stranger"] }),
    );
    expect(outsider.status).toBe(422);
    expect(outsider.data.message).toMatch(/^Reviews may only be requested from collaborators\./);
    expect((await alice.rest.pulls.listRequestedReviewers({ ...repo, pull_number: pr.number })).data.users).toEqual([]);
  });
});
