import type { Octokit } from "@octokit/rest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GITHUB_ACTIONS_APP_ID } from "../../../src/fake-github/index.js";
import { createHarness, failure, octokitFor, OWNER_TOKEN, pushBranch, type Harness } from "./harness.js";

// Check runs, check suites and commit statuses, read through Octokit as a client would.

/** Octokit's types forbid an invalid state; the raw request then fails the way Octokit would. */
function rejectUnlessOk(res: { status: number; data: unknown }): unknown {
  if (res.status >= 400)
    throw Object.assign(new Error("refused"), { status: res.status, response: { data: res.data } });
  return res;
}

let h: Harness;
let octokit: Octokit;
let clone: string;
let sha: string;
const repo = { owner: "acme", repo: "widgets" };

beforeAll(async () => {
  h = await createHarness();
  octokit = octokitFor(h);
  clone = await h.sandbox.clone(h.origin, "checks-clone");
  sha = await pushBranch(h, clone, "feature", "feature.txt", "f\n");
});
afterAll(() => h.close());
afterEach(() => h.server.assertNoUnexpectedRequests());

describe("check runs", () => {
  it("lists the runs on a commit by sha or branch, with GitHub's fields", async () => {
    const lint = await h.repo.addCheckRun({
      name: "lint",
      ref: "feature",
      conclusion: "failure",
      output: { title: "2 problems", summary: "src/a.ts: no-unused-vars", annotationsCount: 2 },
      appSlug: "acme-ci",
    });
    await h.repo.addCheckRun({ name: "test", ref: sha, status: "in_progress" });
    const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: "feature" });
    expect(data.total_count).toBe(2);
    expect(data.check_runs.map((run) => run.name)).toEqual(["test", "lint"]);
    const run = data.check_runs[1];
    expect(run).toMatchObject({
      id: lint.id,
      name: "lint",
      head_sha: sha,
      status: "completed",
      conclusion: "failure",
      output: { title: "2 problems", summary: "src/a.ts: no-unused-vars", text: null, annotations_count: 2 },
      app: { slug: "acme-ci", name: "Acme Ci" },
      check_suite: { id: lint.checkSuiteId },
    });
    expect(run?.started_at).toMatch(/Z$/);
    expect(run?.completed_at).toMatch(/Z$/);
    expect(run?.html_url).toBe(`${h.server.url}/acme/widgets/runs/${lint.id}`);
    expect(data.check_runs[0]).toMatchObject({ status: "in_progress", conclusion: null, completed_at: null });
    const bySha = await octokit.rest.checks.listForRef({ ...repo, ref: sha });
    expect(bySha.data.total_count).toBe(2);
  });

  it("keeps only the newest run of a name unless filter=all, and filters by name, status and app", async () => {
    const first = h.repo.checkRuns().find((run) => run.name === "test");
    await h.repo.addCheckRun({ name: "test", ref: sha, conclusion: "success" });
    const latest = await octokit.rest.checks.listForRef({ ...repo, ref: sha, check_name: "test" });
    expect(latest.data.check_runs.map((run) => run.conclusion)).toEqual(["success"]);
    const all = await octokit.rest.checks.listForRef({ ...repo, ref: sha, check_name: "test", filter: "all" });
    expect(all.data.check_runs.map((run) => run.id)).toContain(first?.id);
    expect(all.data.total_count).toBe(2);
    const completed = await octokit.rest.checks.listForRef({ ...repo, ref: sha, status: "completed" });
    expect(completed.data.check_runs.map((run) => run.name).sort()).toEqual(["lint", "test"]);
    const lintApp = completed.data.check_runs.find((run) => run.name === "lint")?.app?.id;
    const byApp = await octokit.rest.checks.listForRef({ ...repo, ref: sha, app_id: Number(lintApp) });
    expect(byApp.data.check_runs.map((run) => run.name)).toEqual(["lint"]);
  });

  it("follows updates, reads one run, and answers 404 for an unknown one", async () => {
    const run = await h.repo.addCheckRun({ name: "build", ref: sha });
    expect(run).toMatchObject({ status: "queued", conclusion: null, appSlug: "fake-ci" });
    h.repo.updateCheckRun(run.id, { status: "in_progress" });
    expect((await octokit.rest.checks.get({ ...repo, check_run_id: run.id })).data.status).toBe("in_progress");
    h.repo.updateCheckRun(run.id, { conclusion: "timed_out", output: { summary: "took too long" } });
    const { data } = await octokit.rest.checks.get({ ...repo, check_run_id: run.id });
    expect(data).toMatchObject({ status: "completed", conclusion: "timed_out", output: { summary: "took too long" } });
    expect((await failure(octokit.rest.checks.get({ ...repo, check_run_id: 999_999 }))).status).toBe(404);
  });

  it("pages with Link headers and answers 304 to an unchanged list", async () => {
    for (let i = 0; i < 3; i++) await h.repo.addCheckRun({ name: `shard-${i}`, ref: "main", conclusion: "success" });
    const page = await octokit.rest.checks.listForRef({ ...repo, ref: "main", per_page: 2 });
    expect(page.data.total_count).toBe(3);
    expect(page.data.check_runs).toHaveLength(2);
    expect(page.headers.link).toMatch(/rel="next"/);
    const etag = page.headers.etag ?? "";
    const again = await failure(
      octokit.rest.checks.listForRef({ ...repo, ref: "main", per_page: 2, headers: { "if-none-match": etag } }),
    );
    expect(again.status).toBe(304);
  });

  it("takes a branch whose name has slashes, as Octokit sends it", async () => {
    const slashed = await pushBranch(h, clone, "agent001/12-fix", "fix.txt", "x\n");
    await h.repo.addCheckRun({ name: "lint", ref: "agent001/12-fix", conclusion: "success" });
    const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: "agent001/12-fix" });
    expect(data.check_runs.map((run) => [run.name, run.head_sha])).toEqual([["lint", slashed]]);
    const suites = await octokit.rest.checks.listSuitesForRef({ ...repo, ref: "agent001/12-fix" });
    expect(suites.data.check_suites[0]?.head_branch).toBe("agent001/12-fix");
  });

  it("answers 422 for a ref that names no commit", async () => {
    const res = await failure(octokit.rest.checks.listForRef({ ...repo, ref: "no-such-branch" }));
    expect(res).toMatchObject({ status: 422, data: { message: "No commit found for SHA: no-such-branch" } });
  });
});

describe("check suites", () => {
  it("rolls each app's runs on a commit up into a suite", async () => {
    const { data } = await octokit.rest.checks.listSuitesForRef({ ...repo, ref: sha });
    expect(data.total_count).toBe(2);
    const bySlug = Object.fromEntries(data.check_suites.map((suite) => [suite.app?.slug, suite]));
    expect(bySlug["acme-ci"]).toMatchObject({ status: "completed", conclusion: "failure", head_sha: sha });
    expect(bySlug["acme-ci"]?.head_branch).toBe("feature");
    // "build" timed out, "test" passed the second time: the suite is as bad as its worst run.
    expect(bySlug["fake-ci"]).toMatchObject({ status: "completed", conclusion: "timed_out" });
    const one = await octokit.rest.checks.getSuite({ ...repo, check_suite_id: Number(bySlug["fake-ci"]?.id) });
    expect(one.data.latest_check_runs_count).toBe(2);
  });

  it("knows GitHub Actions by its real app id", async () => {
    await h.repo.addWorkflowRun({ name: "CI", ref: sha, jobs: [{ name: "unit", conclusion: "success" }] });
    const { data } = await octokit.rest.checks.listSuitesForRef({ ...repo, ref: sha, app_id: GITHUB_ACTIONS_APP_ID });
    expect(data.check_suites).toEqual([
      expect.objectContaining({ app: expect.objectContaining({ slug: "github-actions", id: GITHUB_ACTIONS_APP_ID }) }),
    ]);
  });
});

describe("commit statuses", () => {
  it("accepts a status from someone with push access, keeps history, combines the latest per context", async () => {
    const created = await octokit.rest.repos.createCommitStatus({
      ...repo,
      sha,
      state: "pending",
      context: "ci/jenkins",
      description: "running",
      target_url: "https://ci.example/1",
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      state: "pending",
      context: "ci/jenkins",
      description: "running",
      target_url: "https://ci.example/1",
      creator: { login: "alice" },
    });
    await octokit.rest.repos.createCommitStatus({ ...repo, sha, state: "failure", context: "ci/jenkins" });
    const combined = await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref: "feature" });
    expect(combined.data).toMatchObject({ state: "failure", total_count: 1 });
    const history = await octokit.rest.repos.listCommitStatusesForRef({ ...repo, ref: sha });
    expect(history.data.map((s) => s.state)).toEqual(["failure", "pending"]);
  });

  it("refuses an invalid state, an unknown commit, and a reader", async () => {
    const bad = await failure(h.api("POST", `statuses/${sha}`, { body: { state: "green" } }).then(rejectUnlessOk));
    expect(bad.status).toBe(422);
    expect(bad.data.errors).toEqual([
      { resource: "Status", code: "custom", field: "state", message: "state is not included in the list" },
    ]);
    const ghost = await failure(
      octokit.rest.repos.createCommitStatus({ ...repo, sha: "0".repeat(40), state: "success" }),
    );
    expect(ghost).toMatchObject({ status: 422, data: { message: `No commit found for SHA: ${"0".repeat(40)}` } });
    const reader = octokitFor(h, "tok-reader");
    expect((await failure(reader.rest.repos.createCommitStatus({ ...repo, sha, state: "success" }))).status).toBe(403);
    // The owner's own statuses are fine, of course.
    await octokitFor(h, OWNER_TOKEN).rest.repos.createCommitStatus({ ...repo, sha, state: "success", context: "x" });
  });
});
