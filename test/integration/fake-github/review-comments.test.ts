import type { Octokit } from "@octokit/rest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHarness, failure, octokitFor, OWNER_TOKEN, pushBranch, type Harness } from "./harness.js";

// Line comments on a pull request's real diff, and the conversation (issue) comments beside them.

let h: Harness;
let alice: Octokit;
let owner: Octokit;
let clone: string;
let number: number;
let head: string;
const repo = { owner: "acme", repo: "widgets" };
// The harness's src/app.txt is "one\ntwo\nthree\n".
const HUNK = "@@ -1,3 +1,4 @@\n one\n-two\n+TWO";

beforeAll(async () => {
  h = await createHarness();
  alice = octokitFor(h);
  owner = octokitFor(h, OWNER_TOKEN);
  clone = await h.sandbox.clone(h.origin, "comments-clone");
  head = await pushBranch(h, clone, "shout", "src/app.txt", "one\nTWO\nthree\nfour\n");
  number = (await alice.rest.pulls.create({ ...repo, title: "Shout", head: "shout", base: "main" })).data.number;
});
afterAll(() => h.close());
afterEach(() => h.server.assertNoUnexpectedRequests());

describe("review comments", () => {
  it("places a comment on a line of the diff, with the hunk up to that line", async () => {
    const res = await owner.rest.pulls.createReviewComment({
      ...repo,
      pull_number: number,
      body: "why shout?",
      commit_id: head,
      path: "src/app.txt",
      line: 2,
    });
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({
      path: "src/app.txt",
      line: 2,
      original_line: 2,
      side: "RIGHT",
      position: 3,
      diff_hunk: HUNK,
      commit_id: head,
      original_commit_id: head,
      body: "why shout?",
      user: { login: "acme" },
      author_association: "OWNER",
      html_url: `${h.server.url}/acme/widgets/pull/${number}#discussion_r${res.data.id}`,
    });
    expect(res.data).not.toHaveProperty("in_reply_to_id");
    expect(res.headers.location).toBe(res.data.url);
    // A lone comment comes with a COMMENTED review of its own, as on GitHub.
    const reviews = await alice.rest.pulls.listReviews({ ...repo, pull_number: number });
    expect(reviews.data).toEqual([
      expect.objectContaining({ id: res.data.pull_request_review_id, state: "COMMENTED", commit_id: head }),
    ]);
  });

  it("comments on a removed line on the LEFT side", async () => {
    const res = await owner.rest.pulls.createReviewComment({
      ...repo,
      pull_number: number,
      body: "keep it",
      commit_id: head,
      path: "src/app.txt",
      line: 2,
      side: "LEFT",
    });
    expect(res.data).toMatchObject({ side: "LEFT", line: 2, position: 2, diff_hunk: "@@ -1,3 +1,4 @@\n one\n-two" });
  });

  it("answers 422 when the line or the file is not part of the diff", async () => {
    const base = { ...repo, pull_number: number, body: "?", commit_id: head };
    const line = await failure(owner.rest.pulls.createReviewComment({ ...base, path: "src/app.txt", line: 40 }));
    expect(line).toMatchObject({
      status: 422,
      data: {
        message: "Validation Failed",
        errors: [
          {
            resource: "PullRequestReviewComment",
            code: "custom",
            field: "pull_request_review_thread.line",
            message: "could not be resolved",
          },
        ],
      },
    });
    const path = await failure(owner.rest.pulls.createReviewComment({ ...base, path: "README.md", line: 1 }));
    expect(path.data.errors[0].field).toBe("pull_request_review_thread.path");
    // Octokit's types insist on commit_id; GitHub does too.
    const noCommit = await h.api("POST", `pulls/${number}/comments`, {
      body: { body: "?", path: "src/app.txt", line: 2 },
    });
    expect(noCommit.status).toBe(422);
    expect(noCommit.data.errors).toEqual([
      { resource: "PullRequestReviewComment", code: "missing_field", field: "commit_id" },
    ]);
  });

  it("threads replies under the first comment", async () => {
    const [first] = (await alice.rest.pulls.listReviewComments({ ...repo, pull_number: number })).data;
    const reply = await alice.rest.pulls.createReplyForReviewComment({
      ...repo,
      pull_number: number,
      comment_id: Number(first?.id),
      body: "it is louder",
    });
    expect(reply.data).toMatchObject({
      in_reply_to_id: first?.id,
      path: "src/app.txt",
      line: 2,
      user: { login: "alice" },
    });
    // The older way to reply: `in_reply_to` in the body, every other field ignored.
    const viaBody = await h.api("POST", `pulls/${number}/comments`, {
      body: { body: "and again", in_reply_to: Number(reply.data.id) },
    });
    expect(viaBody.status).toBe(201);
    expect(viaBody.data.in_reply_to_id).toBe(first?.id);
  });

  it("lists with since, sort and direction", async () => {
    const all = (await alice.rest.pulls.listReviewComments({ ...repo, pull_number: number })).data;
    expect(all.map((c) => c.body)).toEqual(["why shout?", "keep it", "it is louder", "and again"]);
    const desc = await alice.rest.pulls.listReviewComments({
      ...repo,
      pull_number: number,
      sort: "created",
      direction: "desc",
    });
    expect(desc.data.map((c) => c.body)).toEqual(["and again", "it is louder", "keep it", "why shout?"]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await alice.rest.pulls.listReviewComments({ ...repo, pull_number: number, since: future })).data).toEqual(
      [],
    );
  });

  it("outdates a comment whose line a push changed, and keeps one whose line it left alone", async () => {
    const kept = await owner.rest.pulls.createReviewComment({
      ...repo,
      pull_number: number,
      body: "four is new",
      commit_id: head,
      path: "src/app.txt",
      line: 4,
    });
    const newer = await pushBranch(h, clone, "shout", "src/app.txt", "one\nTwo!\nthree\nfour\n", "shout");
    const comments = (await alice.rest.pulls.listReviewComments({ ...repo, pull_number: number })).data;
    const shout = comments.find((c) => c.body === "why shout?");
    expect(shout).toMatchObject({
      line: null,
      position: null,
      original_line: 2,
      commit_id: head,
      original_commit_id: head,
    });
    expect(comments.find((c) => c.id === kept.data.id)).toMatchObject({
      line: 4,
      original_line: 4,
      commit_id: newer,
      original_commit_id: head,
    });
    // A comment written on the new head lands there.
    const fresh = await h.repo.addReviewComment(number, {
      author: "acme",
      path: "src/app.txt",
      line: 2,
      body: "better",
    });
    expect(fresh).toMatchObject({ commitId: newer, line: 2 });
  });
});

describe("conversation comments", () => {
  it("lists issue comments since a time, each with its author's association", async () => {
    h.repo.addComment(number, "stranger", "drive-by");
    const mine = await alice.rest.issues.createComment({ ...repo, issue_number: number, body: "thanks" });
    expect(mine.data.author_association).toBe("COLLABORATOR");
    const { data } = await alice.rest.issues.listComments({ ...repo, issue_number: number });
    expect(data.map((c) => [c.user?.login, c.author_association])).toEqual([
      ["stranger", "NONE"],
      ["alice", "COLLABORATOR"],
    ]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await alice.rest.issues.listComments({ ...repo, issue_number: number, since: future })).data).toEqual([]);
  });
});
