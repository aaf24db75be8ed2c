import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeGitHub } from "../../../src/fake-github/index.js";
import { createHarness, OWNER_TOKEN, pushBranch, type Harness } from "./harness.js";

let h: Harness;
let prNumber: number;

const numbers = (data: Array<{ number: number }>): number[] => data.map((issue) => issue.number);

beforeAll(async () => {
  h = await createHarness();
  h.server.addUser("bob", "tok-bob");
  const day = (n: number) => new Date(Date.UTC(2026, 0, n));
  h.repo.addIssue({ title: "one", labels: ["route:ready"], createdAt: day(3) }); // #1
  h.repo.addIssue({ title: "two", labels: ["route:ready", "route:priority-high"], createdAt: day(1) }); // #2
  h.repo.addIssue({ title: "three", labels: ["route:priority-high"], createdAt: day(2), author: "bob" }); // #3
  h.repo.addIssue({ title: "four", labels: ["route:ready"], assignees: ["alice"], createdAt: day(2) }); // #4
  h.repo.addIssue({ title: "five", labels: ["route:ready"], state: "closed", createdAt: day(4) }); // #5
  const clone = await h.sandbox.clone(h.origin, "issues-clone");
  await pushBranch(h, clone, "feature", "feature.txt", "feature\n");
  const pr = await h.repo.createPull({ title: "A PR", head: "feature", base: "main", body: "Closes #1" }); // #6
  prNumber = pr.number;
  h.repo.setIssueLabels(prNumber, ["route:ready", "route:review"]);
});
afterAll(() => h.close());
afterEach(() => h.server.assertNoUnexpectedRequests());

describe("GET /issues filters", () => {
  it("lists open issues and pull requests, newest first, PRs marked with pull_request", async () => {
    const res = await h.api("GET", "issues");
    expect(numbers(res.data)).toEqual([6, 1, 4, 3, 2]);
    const pr = res.data.find((issue: { number: number }) => issue.number === prNumber);
    expect(pr.pull_request).toEqual({
      url: `${h.server.url}/repos/acme/widgets/pulls/${prNumber}`,
      html_url: `${h.server.url}/acme/widgets/pull/${prNumber}`,
      diff_url: expect.any(String),
      patch_url: expect.any(String),
      merged_at: null,
    });
    expect(res.data.find((issue: { number: number }) => issue.number === 1).pull_request).toBeUndefined();
    expect(res.data.find((issue: { number: number }) => issue.number === 1).html_url).toBe(
      `${h.server.url}/acme/widgets/issues/1`,
    );
  });

  it("requires every label in `labels` (AND), case-insensitively", async () => {
    expect(numbers((await h.api("GET", "issues?labels=route:ready&direction=asc")).data)).toEqual([2, 4, 1, 6]);
    expect(numbers((await h.api("GET", "issues?labels=route:ready,route:priority-high")).data)).toEqual([2]);
    expect(numbers((await h.api("GET", "issues?labels=ROUTE:PRIORITY-HIGH&direction=asc")).data)).toEqual([2, 3]);
    expect((await h.api("GET", "issues?labels=no-such-label")).data).toEqual([]);
  });

  it("breaks ties in creation time by number, in both directions", async () => {
    expect(numbers((await h.api("GET", "issues?labels=route:priority-high,&sort=created&direction=asc")).data)).toEqual(
      [2, 3],
    );
    const asc = numbers((await h.api("GET", "issues?state=all&direction=asc")).data);
    expect(asc.indexOf(3)).toBeLessThan(asc.indexOf(4));
    const desc = numbers((await h.api("GET", "issues?state=all")).data);
    expect(desc.indexOf(4)).toBeLessThan(desc.indexOf(3));
  });

  it("filters by state, assignee and creator", async () => {
    expect(numbers((await h.api("GET", "issues?state=closed")).data)).toEqual([5]);
    expect((await h.api("GET", "issues?state=all")).data).toHaveLength(6);
    expect(numbers((await h.api("GET", "issues?assignee=alice")).data)).toEqual([4]);
    expect(numbers((await h.api("GET", "issues?assignee=*")).data)).toEqual([4]);
    expect(numbers((await h.api("GET", "issues?assignee=none&direction=asc")).data)).toEqual([2, 3, 1, 6]);
    expect(numbers((await h.api("GET", "issues?creator=bob")).data)).toEqual([3]);
  });

  it("sorts by updated time", async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    h.repo.addComment(2, "bob", "bump");
    expect(numbers((await h.api("GET", "issues?sort=updated")).data)[0]).toBe(2);
    const since = new Date(h.repo.issue(2).updatedAt.getTime()).toISOString();
    expect(numbers((await h.api("GET", `issues?since=${since}`)).data)).toContain(2);
  });
});

describe("issue writes", () => {
  it("creates an issue as the authenticated login, creating unknown labels and dropping assignees without push", async () => {
    const res = await h.api("POST", "issues", {
      body: { title: "New", body: "text", labels: ["brand-new"], assignees: ["alice", "bob"] },
    });
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({
      title: "New",
      body: "text",
      state: "open",
      user: { login: "alice" },
      comments: 0,
      locked: false,
    });
    expect(res.data.assignees.map((a: { login: string }) => a.login)).toEqual(["alice"]);
    expect(res.data.assignee.login).toBe("alice");
    expect(res.data.labels).toEqual([expect.objectContaining({ name: "brand-new", color: "ededed", default: false })]);
    expect(h.repo.issue(res.data.number)).toMatchObject({
      author: "alice",
      labels: ["brand-new"],
      assignees: ["alice"],
      isPullRequest: false,
    });
  });

  it("rejects an issue without a title", async () => {
    const res = await h.api("POST", "issues", { body: { body: "x" } });
    expect(res.status).toBe(422);
    expect(res.data.errors).toEqual([{ resource: "Issue", code: "missing_field", field: "title" }]);
  });

  it("PATCH replaces labels and assignees and closes with a reason", async () => {
    const res = await h.api("PATCH", "issues/3", {
      body: { labels: ["route:ready"], assignees: ["alice"], state: "closed", state_reason: "not_planned" },
    });
    expect(res.status).toBe(200);
    expect(res.data.labels.map((l: { name: string }) => l.name)).toEqual(["route:ready"]);
    expect(res.data).toMatchObject({ state: "closed", state_reason: "not_planned" });
    expect(res.data.closed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const reopened = await h.api("PATCH", "issues/3", { body: { state: "open" } });
    expect(reopened.data).toMatchObject({ state: "open", state_reason: "reopened", closed_at: null });
    expect(h.repo.issue(3).assignees).toEqual(["alice"]);
  });

  it("adds, replaces and removes labels, returning the issue's labels", async () => {
    const added = await h.api("POST", "issues/4/labels", { body: { labels: ["agent001", "route:ready"] } });
    expect(added.status).toBe(200);
    expect(added.data.map((l: { name: string }) => l.name)).toEqual(["route:ready", "agent001"]);
    const removed = await h.api("DELETE", "issues/4/labels/route%3Aready");
    expect(removed.status).toBe(200);
    expect(removed.data.map((l: { name: string }) => l.name)).toEqual(["agent001"]);
    const missing = await h.api("DELETE", "issues/4/labels/route%3Aready");
    expect(missing.status).toBe(404);
    expect(missing.data.message).toBe("Label does not exist");
    const set = await h.api("PUT", "issues/4/labels", { body: { labels: ["route:review"] } });
    expect(set.data.map((l: { name: string }) => l.name)).toEqual(["route:review"]);
    expect(h.repo.issue(4).labels).toEqual(["route:review"]);
  });

  it("adds and removes assignees", async () => {
    const added = await h.api("POST", "issues/2/assignees", { body: { assignees: ["acme", "bob"] } });
    expect(added.status).toBe(201);
    expect(added.data.assignees.map((a: { login: string }) => a.login)).toEqual(["acme"]);
    const removed = await h.api("DELETE", "issues/2/assignees", { body: { assignees: ["acme"] } });
    expect(removed.status).toBe(200);
    expect(removed.data.assignees).toEqual([]);
  });

  it("posts and lists comments as the authenticated login", async () => {
    const posted = await h.api("POST", "issues/1/comments", { body: { body: "claimed by agent001" } });
    expect(posted.status).toBe(201);
    expect(posted.data).toMatchObject({ body: "claimed by agent001", user: { login: "alice" } });
    const list = await h.api("GET", "issues/1/comments");
    expect(list.data.map((c: { body: string }) => c.body)).toEqual(["claimed by agent001"]);
    expect(h.repo.issue(1).comments).toEqual([{ author: "alice", body: "claimed by agent001" }]);
    expect((await h.api("GET", "issues/1")).data.comments).toBe(1);
  });

  it("answers 404 for an unknown issue", async () => {
    expect((await h.api("GET", "issues/4242")).status).toBe(404);
    expect((await h.api("PATCH", "issues/4242", { body: { title: "x" } })).status).toBe(404);
  });
});

describe("labels", () => {
  it("creates, reads, renames and deletes labels by URL-encoded name; renames show on issues", async () => {
    const created = await h.api("POST", "labels", {
      token: OWNER_TOKEN,
      body: { name: "route:blocked", color: "#B60205", description: "d" },
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ name: "route:blocked", color: "b60205", description: "d", default: false });
    expect(created.data.url).toBe(`${h.server.url}/repos/acme/widgets/labels/route%3Ablocked`);
    expect((await h.api("GET", "labels/route%3Ablocked")).data.name).toBe("route:blocked");
    h.repo.setIssueLabels(1, ["route:blocked"]);
    const renamed = await h.api("PATCH", "labels/route%3Ablocked", {
      body: { new_name: "route:stuck", color: "000000" },
    });
    expect(renamed.data).toMatchObject({ name: "route:stuck", color: "000000", description: "d" });
    expect(h.repo.issue(1).labels).toEqual(["route:stuck"]);
    expect((await h.api("DELETE", "labels/route%3Astuck")).status).toBe(204);
    expect(h.repo.issue(1).labels).toEqual([]);
    expect((await h.api("GET", "labels/route%3Astuck")).status).toBe(404);
  });
});

describe("scale", () => {
  it("filters 10,000 issues in a few milliseconds per request", async () => {
    const server = await startFakeGitHub();
    try {
      server.addUser("acme", "t");
      const repo = server.createRepo({ owner: "acme", name: "big", bareRepoPath: h.origin });
      const seeded = performance.now();
      repo.addIssues(10_000, (i) => ({
        labels: i % 2 === 0 ? ["route:ready"] : ["route:ready", "route:priority-low"],
      }));
      expect(performance.now() - seeded).toBeLessThan(1000);
      const get = async (query: string) => {
        const res = await fetch(`${server.url}/repos/acme/big/issues?${query}`, {
          headers: { authorization: "token t" },
        });
        return {
          status: res.status,
          link: res.headers.get("link"),
          data: (await res.json()) as Array<{ number: number }>,
        };
      };
      await get("per_page=1"); // warm-up
      server.clearRequestLog();
      const first = await get("labels=route:ready&sort=created&direction=asc&per_page=100");
      const low = await get("labels=route:ready,route:priority-low&direction=asc&per_page=100&page=50");
      expect(first.data.map((i) => i.number).slice(0, 3)).toEqual([1, 2, 3]);
      expect(first.link).toContain('page=100>; rel="last"');
      expect(low.data[99]?.number).toBe(10_000);
      expect(low.link).not.toContain('rel="next"');
      const durations = server.requests.map((r) => r.durationMs);
      // A guard against answers that grow with the repository (a scan per issue), not a timing
      // target: generous enough for a loaded two-core machine.
      expect(Math.max(...durations)).toBeLessThan(1_000);
      expect(repo.issues()).toHaveLength(10_000);
    } finally {
      await server.close();
    }
  });
});
