import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHarness, OWNER_TOKEN, pushBranch, type Harness } from "./harness.js";

let h: Harness;
let clone: string;

const mainSha = (): Promise<string> => h.sandbox.git(h.origin, ["rev-parse", "refs/heads/main"]);

beforeAll(async () => {
  h = await createHarness();
  clone = await h.sandbox.clone(h.origin, "pulls-clone");
});
afterAll(() => h.close());
afterEach(() => h.server.assertNoUnexpectedRequests());

describe("opening pull requests", () => {
  it("opens a PR from a pushed branch, sharing the issue number sequence", async () => {
    h.repo.addIssue({ title: "an issue first" });
    const head = await pushBranch(h, clone, "agent001/1-thing", "thing.txt", "thing\n");
    const res = await h.api("POST", "pulls", {
      body: { title: "Thing", body: "Closes #1", head: "agent001/1-thing", base: "main" },
    });
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({
      number: 2,
      state: "open",
      draft: false,
      merged: false,
      merged_at: null,
      user: { login: "alice" },
      head: { ref: "agent001/1-thing", sha: head, label: "acme:agent001/1-thing" },
      base: { ref: "main", sha: await mainSha() },
      html_url: `${h.server.url}/acme/widgets/pull/2`,
    });
    expect(h.repo.issue(2).isPullRequest).toBe(true);
    const byHead = await h.api("GET", "pulls?head=acme:agent001/1-thing&state=open");
    expect(byHead.data.map((p: { number: number }) => p.number)).toEqual([2]);
    expect((await h.api("GET", "pulls?head=acme:other")).data).toEqual([]);
  });

  it("refuses a second open PR for the same head and base", async () => {
    const res = await h.api("POST", "pulls", { body: { title: "Again", head: "acme:agent001/1-thing", base: "main" } });
    expect(res.status).toBe(422);
    expect(res.data.message).toBe("Validation Failed");
    expect(res.data.errors).toEqual([
      { resource: "PullRequest", code: "custom", message: "A pull request already exists for acme:agent001/1-thing." },
    ]);
  });

  it("refuses a head with no commits ahead of base, and a missing head", async () => {
    await h.sandbox.git(clone, ["push", "-q", "origin", "origin/main:refs/heads/same"]);
    const same = await h.api("POST", "pulls", { body: { title: "Nothing", head: "same", base: "main" } });
    expect(same.status).toBe(422);
    expect(same.data.errors[0].message).toBe("No commits between main and same");
    const missing = await h.api("POST", "pulls", { body: { title: "Ghost", head: "ghost", base: "main" } });
    expect(missing.status).toBe(422);
    expect(missing.data.errors).toEqual([{ resource: "PullRequest", field: "head", code: "invalid" }]);
  });

  it("follows pushes to the head branch", async () => {
    const newer = await pushBranch(h, clone, "agent001/1-thing", "thing2.txt", "more\n");
    expect((await h.api("GET", "pulls/2")).data.head.sha).toBe(newer);
    expect(h.repo.pull(2).headSha).toBe(newer);
  });
});

describe("merging", () => {
  it("lands with a merge commit even where main could fast-forward, and closes the issues the body closes", async () => {
    const a = h.repo.addIssue({ title: "fixed" });
    const b = h.repo.addIssue({ title: "resolved" });
    const c = h.repo.addIssue({ title: "only mentioned" });
    const head = await pushBranch(h, clone, "ff", "ff.txt", "ff\n");
    const before = await mainSha();
    const opened = await h.api("POST", "pulls", {
      body: {
        title: "FF",
        body: `closes #${a.number}\nAlso RESOLVES: #${b.number}, see #${c.number}`,
        head: "ff",
        base: "main",
      },
    });
    const merged = await h.api("PUT", `pulls/${opened.data.number}/merge`, { token: OWNER_TOKEN });
    expect(merged.status).toBe(200);
    expect(merged.data).toEqual({ sha: expect.any(String), merged: true, message: "Pull Request successfully merged" });
    expect(await mainSha()).toBe(merged.data.sha);
    const parents = (await h.sandbox.git(h.origin, ["rev-list", "--parents", "-n", "1", "refs/heads/main"])).split(" ");
    expect(parents).toEqual([merged.data.sha, before, head]);
    expect(h.repo.pull(opened.data.number)).toMatchObject({
      merged: true,
      state: "closed",
      mergeCommitSha: merged.data.sha,
      headSha: head,
    });
    expect([a.state, b.state, c.state]).toEqual(["closed", "closed", "open"]);
    expect(a.stateReason).toBe("completed");
    const pr = await h.api("GET", `pulls/${opened.data.number}`);
    expect(pr.data).toMatchObject({ state: "closed", merged: true });
    expect(pr.data.merged_at).not.toBeNull();
    const again = await h.api("PUT", `pulls/${opened.data.number}/merge`);
    expect(again.status).toBe(405);
  });

  it("builds a merge commit when main has moved on", async () => {
    const head = await pushBranch(h, clone, "side", "side.txt", "side\n");
    await pushBranch(h, clone, "main", "main-only.txt", "main\n");
    const base = await mainSha();
    const opened = await h.api("POST", "pulls", { body: { title: "Side", head: "side", base: "main" } });
    const merged = await h.api("PUT", `pulls/${opened.data.number}/merge`, { body: { merge_method: "merge" } });
    expect(merged.status).toBe(200);
    const parents = (await h.sandbox.git(h.origin, ["rev-list", "--parents", "-n", "1", "refs/heads/main"])).split(" ");
    expect(parents).toEqual([merged.data.sha, base, head]);
    const files = await h.sandbox.git(h.origin, ["ls-tree", "--name-only", "refs/heads/main"]);
    expect(files.split("\n")).toEqual(expect.arrayContaining(["side.txt", "main-only.txt"]));
  });

  it("answers 405 on a conflict and leaves main alone", async () => {
    await pushBranch(h, clone, "left", "src/app.txt", "left\n");
    await pushBranch(h, clone, "main", "src/app.txt", "main edit\n");
    const before = await mainSha();
    const opened = await h.api("POST", "pulls", { body: { title: "Left", head: "left", base: "main" } });
    const merged = await h.api("PUT", `pulls/${opened.data.number}/merge`);
    expect(merged.status).toBe(405);
    expect(merged.data.message).toBe("Pull Request is not mergeable");
    expect(await mainSha()).toBe(before);
    expect(h.repo.pull(opened.data.number)).toMatchObject({ merged: false, state: "open" });
  });

  it("merges from the helper as a person would", async () => {
    const issue = h.repo.addIssue({ title: "helper" });
    await pushBranch(h, clone, "helper", "helper.txt", "h\n");
    const pr = await h.repo.createPull({ title: "Helper", head: "helper", body: `Fixes #${issue.number}` });
    const { sha } = await h.repo.mergePull(pr.number);
    expect(await mainSha()).toBe(sha);
    expect(issue.state).toBe("closed");
  });
});

describe("reviews, statuses, branches, compare", () => {
  it("lists reviews and closes a PR through PATCH", async () => {
    await pushBranch(h, clone, "reviewed", "reviewed.txt", "r\n");
    const pr = await h.repo.createPull({ title: "Reviewed", head: "reviewed" });
    await h.repo.addReview(pr.number, { author: "alice", state: "APPROVED" });
    const reviews = await h.api("GET", `pulls/${pr.number}/reviews`);
    expect(reviews.data).toEqual([
      expect.objectContaining({
        state: "APPROVED",
        user: expect.objectContaining({ login: "alice" }),
        commit_id: pr.headSha,
        author_association: "COLLABORATOR",
      }),
    ]);
    const closed = await h.api("PATCH", `pulls/${pr.number}`, { body: { state: "closed" } });
    expect(closed.data).toMatchObject({ state: "closed", merged: false });
    expect((await h.api("GET", "pulls?state=closed&head=acme:reviewed")).data).toHaveLength(1);
  });

  it("combines commit statuses, pending when there are none", async () => {
    const sha = await mainSha();
    expect((await h.api("GET", "commits/main/status")).data).toMatchObject({
      state: "pending",
      statuses: [],
      sha,
      total_count: 0,
    });
    h.repo.setCommitStatus(sha, "success", "ci");
    expect((await h.api("GET", `commits/${sha}/status`)).data.state).toBe("success");
    h.repo.setCommitStatus(sha, "failure", "lint");
    expect((await h.api("GET", "commits/main/status")).data).toMatchObject({ state: "failure", total_count: 2 });
  });

  it("lists and reads branches from the bare repo", async () => {
    const list = await h.api("GET", "branches?per_page=100");
    expect(list.data.map((b: { name: string }) => b.name)).toEqual(
      expect.arrayContaining(["main", "side", "agent001/1-thing"]),
    );
    const branch = await h.api("GET", "branches/agent001%2F1-thing");
    expect(branch.data).toMatchObject({
      name: "agent001/1-thing",
      protected: false,
      commit: { commit: { message: "Change thing2.txt on agent001/1-thing\n" } },
    });
    const missing = await h.api("GET", "branches/nope");
    expect(missing.status).toBe(404);
    expect(missing.data.message).toBe("Branch not found");
  });

  it("compares two refs", async () => {
    await pushBranch(h, clone, "ahead", "ahead.txt", "a\n");
    expect((await h.api("GET", "compare/main...ahead")).data).toMatchObject({
      status: "ahead",
      ahead_by: 1,
      behind_by: 0,
      total_commits: 1,
    });
    expect((await h.api("GET", "compare/ahead...main")).data).toMatchObject({
      status: "behind",
      ahead_by: 0,
      behind_by: 1,
    });
    expect((await h.api("GET", "compare/main...main")).data.status).toBe("identical");
    const diverged = await h.api("GET", "compare/main...left");
    expect(diverged.data).toMatchObject({ status: "diverged", ahead_by: 1 });
    expect(diverged.data.commits.map((c: { commit: { message: string } }) => c.commit.message)).toEqual([
      "Change src/app.txt on left",
    ]);
    expect(diverged.data.merge_base_commit.sha).toBe(await h.sandbox.git(h.origin, ["merge-base", "main", "left"]));
    expect((await h.api("GET", "compare/main...nope")).status).toBe(404);
  });

  it("lists pull requests in any state, most recently updated first, with their open, merge and close times", async () => {
    await pushBranch(h, clone, "agent001/90-closed", "closed.txt", "c\n");
    const opened = await h.api("POST", "pulls", {
      body: { title: "Closed one", head: "agent001/90-closed", base: "main" },
    });
    const number = opened.data.number as number;
    await h.api("PATCH", `pulls/${number}`, { body: { state: "closed" } });

    const all = (await h.api("GET", "pulls?state=all&sort=updated&direction=desc&per_page=100")).data as Array<{
      number: number;
      state: string;
      created_at: string;
      closed_at: string | null;
      merged_at: string | null;
      updated_at: string;
    }>;
    expect(all[0]).toMatchObject({ number, state: "closed", merged_at: null, closed_at: expect.any(String) });
    expect(all.some((pull) => pull.state === "open")).toBe(true);
    const updated = all.map((pull) => Date.parse(pull.updated_at));
    expect(updated).toEqual([...updated].sort((a, b) => b - a));
    const open = (await h.api("GET", "pulls?state=open&per_page=100")).data as Array<{ number: number }>;
    expect(open.map((pull) => pull.number)).not.toContain(number);
  });
});
