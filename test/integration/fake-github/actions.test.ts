import type { Octokit } from "@octokit/rest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ALICE_TOKEN, createHarness, failure, octokitFor, pushBranch, type Harness } from "./harness.js";

// GitHub Actions: workflow runs, jobs, their check runs, and the job log behind a redirect.

let h: Harness;
let octokit: Octokit;
let sha: string;
let runId: number;
let unitJob: number;
const repo = { owner: "acme", repo: "widgets" };

const LOG =
  "##[group]Run npm test\n> vitest run\nFAIL test/a.test.ts > adds\n##[error]Process completed with exit code 1.\n";

beforeAll(async () => {
  h = await createHarness();
  octokit = octokitFor(h);
  const clone = await h.sandbox.clone(h.origin, "actions-clone");
  sha = await pushBranch(h, clone, "agent001/7-fix", "fix.txt", "fix\n");
  const run = await h.repo.addWorkflowRun({
    name: "CI",
    ref: "agent001/7-fix",
    jobs: [
      {
        name: "unit",
        conclusion: "failure",
        log: LOG,
        steps: [
          { name: "Set up job", conclusion: "success" },
          { name: "Run npm test", conclusion: "failure" },
        ],
      },
      { name: "lint", conclusion: "success" },
    ],
  });
  runId = run.id;
  unitJob = run.jobs[0]?.id ?? 0;
});
afterAll(() => h.close());
afterEach(() => h.server.assertNoUnexpectedRequests());

describe("workflow runs and jobs", () => {
  it("lists runs for a head sha or branch with status rolled up from the jobs", async () => {
    const { data } = await octokit.rest.actions.listWorkflowRunsForRepo({ ...repo, head_sha: sha });
    expect(data.total_count).toBe(1);
    expect(data.workflow_runs[0]).toMatchObject({
      id: runId,
      name: "CI",
      head_sha: sha,
      head_branch: "agent001/7-fix",
      event: "pull_request",
      status: "completed",
      conclusion: "failure",
      path: ".github/workflows/ci.yml",
      run_number: 1,
    });
    const byBranch = await octokit.rest.actions.listWorkflowRunsForRepo({ ...repo, branch: "agent001/7-fix" });
    expect(byBranch.data.total_count).toBe(1);
    const byConclusion = await octokit.rest.actions.listWorkflowRunsForRepo({ ...repo, status: "failure" });
    expect(byConclusion.data.total_count).toBe(1);
    const none = await octokit.rest.actions.listWorkflowRunsForRepo({ ...repo, status: "success" });
    expect(none.data.workflow_runs).toEqual([]);
    expect((await octokit.rest.actions.getWorkflowRun({ ...repo, run_id: runId })).data.conclusion).toBe("failure");
  });

  it("lists a run's jobs with their steps; each job is a check run of the same id", async () => {
    const { data } = await octokit.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: runId });
    expect(data.total_count).toBe(2);
    expect(data.jobs[0]).toMatchObject({
      id: unitJob,
      run_id: runId,
      name: "unit",
      status: "completed",
      conclusion: "failure",
      head_sha: sha,
      html_url: `${h.server.url}/acme/widgets/actions/runs/${runId}/job/${unitJob}`,
      steps: [
        { name: "Set up job", status: "completed", conclusion: "success", number: 1 },
        { name: "Run npm test", status: "completed", conclusion: "failure", number: 2 },
      ],
    });
    expect(data.jobs[1]?.steps?.map((step) => step.name)).toEqual(["Set up job", "Run lint", "Complete job"]);
    const check = await octokit.rest.checks.get({ ...repo, check_run_id: unitJob });
    expect(check.data).toMatchObject({
      name: "unit",
      conclusion: "failure",
      app: { slug: "github-actions" },
      details_url: data.jobs[0]?.html_url,
    });
  });

  it("updates a job and its check run together", async () => {
    const run = await h.repo.addWorkflowRun({
      name: "Nightly",
      ref: sha,
      jobs: [{ name: "e2e", status: "in_progress" }],
    });
    const job = run.jobs[0]?.id ?? 0;
    expect((await octokit.rest.actions.getWorkflowRun({ ...repo, run_id: run.id })).data.status).toBe("in_progress");
    h.repo.updateWorkflowJob(job, { conclusion: "success", log: "all good\n" });
    expect((await octokit.rest.actions.getJobForWorkflowRun({ ...repo, job_id: job })).data).toMatchObject({
      status: "completed",
      conclusion: "success",
    });
    expect((await octokit.rest.checks.get({ ...repo, check_run_id: job })).data.conclusion).toBe("success");
    expect((await octokit.rest.actions.getWorkflowRun({ ...repo, run_id: run.id })).data.conclusion).toBe("success");
  });

  it("shows a run held for a maintainer's approval: no jobs, no check runs, action_required", async () => {
    const bot = await pushBranch(h, await h.sandbox.clone(h.origin, "bot-clone"), "dependabot/x", "x.txt", "x\n");
    const held = await h.repo.addWorkflowRun({ name: "CI", ref: bot, actor: "dependabot", awaitingApproval: true });
    const run = await octokit.rest.actions.getWorkflowRun({ ...repo, run_id: held.id });
    expect(run.data).toMatchObject({
      status: "completed",
      conclusion: "action_required",
      actor: { login: "dependabot" },
    });
    expect((await octokit.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: held.id })).data.total_count).toBe(0);
    expect((await octokit.rest.checks.listForRef({ ...repo, ref: bot })).data.total_count).toBe(0);
    const suites = await octokit.rest.checks.listSuitesForRef({ ...repo, ref: bot });
    expect(suites.data.check_suites[0]).toMatchObject({ status: "completed", conclusion: "action_required" });
    const waiting = await octokit.rest.actions.listWorkflowRunsForRepo({ ...repo, status: "action_required" });
    expect(waiting.data.workflow_runs.map((r) => r.id)).toEqual([held.id]);

    // Approved: the jobs appear on the same run.
    h.repo.addWorkflowJob(held.id, { name: "unit", status: "queued" });
    expect((await octokit.rest.actions.getWorkflowRun({ ...repo, run_id: held.id })).data).toMatchObject({
      status: "queued",
      conclusion: null,
    });
  });

  it("shows a job waiting on an environment's reviewers as waiting", async () => {
    const run = await h.repo.addWorkflowRun({
      name: "Deploy",
      ref: sha,
      jobs: [
        { name: "build", conclusion: "success" },
        { name: "deploy", status: "waiting" },
      ],
    });
    const { data } = await octokit.rest.actions.getWorkflowRun({ ...repo, run_id: run.id });
    expect(data).toMatchObject({ status: "waiting", conclusion: null });
    const check = await octokit.rest.checks.get({ ...repo, check_run_id: run.jobs[1]?.id ?? 0 });
    expect(check.data.status).toBe("waiting");
  });

  it("answers 404 for unknown runs and jobs", async () => {
    expect((await failure(octokit.rest.actions.getWorkflowRun({ ...repo, run_id: 1 }))).status).toBe(404);
    expect((await failure(octokit.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: 1 }))).status).toBe(404);
    expect((await failure(octokit.rest.actions.downloadJobLogsForWorkflowRun({ ...repo, job_id: 1 }))).status).toBe(
      404,
    );
  });
});

describe("job logs", () => {
  it("answers 302 with a Location that serves the plain-text log without a token", async () => {
    const res = await fetch(`${h.server.url}/repos/acme/widgets/actions/jobs/${unitJob}/logs`, {
      headers: { authorization: `token ${ALICE_TOKEN}` },
      redirect: "manual",
    });
    expect(res.status).toBe(302);
    const location = res.headers.get("location") ?? "";
    expect(location).toMatch(
      new RegExp(`^${h.server.url}/_blob/actions-results/job-logs/${unitJob}\\.txt\\?se=.+&sig=[0-9a-f]+$`),
    );
    const quota = h.server.rateLimitOf("alice").remaining;
    const log = await fetch(location);
    expect(log.status).toBe(200);
    expect(log.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    // A UTF-8 BOM (which fetch's text() drops), then every line stamped as GitHub stamps job logs.
    const bytes = Buffer.from(await log.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z /);
    expect(lines[3]).toMatch(/ ##\[error\]Process completed with exit code 1\.$/);
    // The download is logged like any request, but costs no API quota.
    expect(h.server.countRequests({ path: /^\/_blob\// })).toBe(1);
    expect(h.server.rateLimitOf("alice").remaining).toBe(quota);
  });

  it("is followed by Octokit, which hands back the log text", async () => {
    const res = await octokit.rest.actions.downloadJobLogsForWorkflowRun({ ...repo, job_id: unitJob });
    expect(res.status).toBe(200);
    expect(String(res.data)).toContain("FAIL test/a.test.ts > adds");
  });

  it("refuses a forged or reused-for-another-job signature", async () => {
    const res = await fetch(`${h.server.url}/repos/acme/widgets/actions/jobs/${unitJob}/logs`, {
      headers: { authorization: `token ${ALICE_TOKEN}` },
      redirect: "manual",
    });
    const location = new URL(res.headers.get("location") ?? "");
    const forged = new URL(location);
    forged.searchParams.set("sig", "0".repeat(32));
    expect((await fetch(forged)).status).toBe(403);
    const otherJob = new URL(location.href.replace(`/${unitJob}.txt`, `/${unitJob + 1}.txt`));
    const refused = await fetch(otherJob);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("<Code>AuthenticationFailed</Code>");
  });

  it("answers 403 Must have admin rights to a token without actions: read", async () => {
    h.repo.setActionsLogAccess(false, "alice");
    const res = await failure(octokit.rest.actions.downloadJobLogsForWorkflowRun({ ...repo, job_id: unitJob }));
    expect(res).toMatchObject({ status: 403, data: { message: "Must have admin rights to Repository." } });
    // Only that login; the runs and jobs themselves stay readable.
    const owner = octokitFor(h, "tok-acme");
    expect((await owner.rest.actions.downloadJobLogsForWorkflowRun({ ...repo, job_id: unitJob })).status).toBe(200);
    expect((await octokit.rest.actions.getJobForWorkflowRun({ ...repo, job_id: unitJob })).status).toBe(200);
    h.repo.setActionsLogAccess(true, "alice");
    expect((await octokit.rest.actions.downloadJobLogsForWorkflowRun({ ...repo, job_id: unitJob })).status).toBe(200);
  });
});
