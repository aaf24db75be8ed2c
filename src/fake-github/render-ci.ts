import type { AppRecord } from "./apps.js";
import type { CheckRunRecord, CheckSuiteRecord, JobRecord, StepRecord, WorkflowRunRecord } from "./ci-records.js";
import { apiRepoUrl, htmlRepoUrl, isoOrNull, isoSeconds } from "./render.js";
import type { RepoState } from "./state.js";

// GitHub's JSON for check runs, check suites, workflow runs and jobs.

function renderApp(repo: RepoState, app: AppRecord): Record<string, unknown> {
  return {
    id: app.id,
    slug: app.slug,
    node_id: `A_${app.id}`,
    name: app.name,
    owner: repo.world.users.json(app.owner),
    html_url: `${repo.world.baseUrl}/apps/${app.slug}`,
  };
}

/** Open pull requests whose head is this commit: GitHub's `pull_requests` on checks and runs. */
function pullsAt(repo: RepoState, sha: string): Array<Record<string, unknown>> {
  const side = (ref: string, at: string) => ({
    ref,
    sha: at,
    repo: { id: repo.id, url: apiRepoUrl(repo), name: repo.name },
  });
  return repo.issues
    .filter((issue) => issue.state === "open" && issue.pull?.headSha === sha)
    .map((issue) => ({
      id: issue.pull?.id,
      number: issue.number,
      url: `${apiRepoUrl(repo)}/pulls/${issue.number}`,
      head: side(issue.pull?.headRef ?? "", sha),
      base: side(issue.pull?.baseRef ?? "", ""),
    }));
}

const actionsJobUrl = (repo: RepoState, runId: number, jobId: number): string =>
  `${htmlRepoUrl(repo)}/actions/runs/${runId}/job/${jobId}`;

export function renderCheckRun(repo: RepoState, run: CheckRunRecord): Record<string, unknown> {
  const api = `${apiRepoUrl(repo)}/check-runs/${run.id}`;
  const job = run.jobId === null ? undefined : repo.ci.job(run.jobId);
  const html = job ? actionsJobUrl(repo, job.runId, job.id) : `${htmlRepoUrl(repo)}/runs/${run.id}`;
  return {
    id: run.id,
    name: run.name,
    node_id: `CR_${run.id}`,
    head_sha: run.headSha,
    external_id: run.externalId ?? "",
    url: api,
    html_url: html,
    details_url: run.detailsUrl ?? html,
    status: run.status,
    conclusion: run.conclusion,
    started_at: isoOrNull(run.startedAt),
    completed_at: isoOrNull(run.completedAt),
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.output.annotationsCount,
      annotations_url: `${api}/annotations`,
    },
    check_suite: { id: run.suiteId },
    app: renderApp(repo, run.app),
    pull_requests: pullsAt(repo, run.headSha),
  };
}

export function renderCheckSuite(repo: RepoState, suite: CheckSuiteRecord): Record<string, unknown> {
  const { status, conclusion } = repo.ci.suiteLifecycle(suite);
  const runs = repo.ci.checkRuns.filter((run) => run.suiteId === suite.id);
  return {
    id: suite.id,
    node_id: `CS_${suite.id}`,
    head_branch: suite.headBranch,
    head_sha: suite.headSha,
    status,
    conclusion,
    url: `${apiRepoUrl(repo)}/check-suites/${suite.id}`,
    before: null,
    after: suite.headSha,
    pull_requests: pullsAt(repo, suite.headSha),
    app: renderApp(repo, suite.app),
    repository: { id: repo.id, name: repo.name, full_name: repo.fullName },
    created_at: isoSeconds(suite.createdAt),
    updated_at: isoSeconds(suite.updatedAt),
    head_commit: { id: suite.headSha },
    latest_check_runs_count: new Set(runs.map((run) => run.name)).size,
    check_runs_url: `${apiRepoUrl(repo)}/check-suites/${suite.id}/check-runs`,
    rerequestable: true,
    runs_rerequestable: true,
  };
}

export function renderWorkflowRun(repo: RepoState, run: WorkflowRunRecord): Record<string, unknown> {
  const suite = repo.ci.suite(run.suiteId);
  const lifecycle = suite ? repo.ci.suiteLifecycle(suite) : { status: "queued", conclusion: null };
  const api = `${apiRepoUrl(repo)}/actions/runs/${run.id}`;
  const updated = suite?.updatedAt ?? run.createdAt;
  return {
    id: run.id,
    name: run.name,
    node_id: `WFR_${run.id}`,
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: run.path,
    display_title: run.name,
    run_number: run.runNumber,
    event: run.event,
    status: lifecycle.status,
    conclusion: lifecycle.conclusion,
    workflow_id: run.workflowId,
    check_suite_id: run.suiteId,
    check_suite_node_id: `CS_${run.suiteId}`,
    url: api,
    html_url: `${htmlRepoUrl(repo)}/actions/runs/${run.id}`,
    pull_requests: pullsAt(repo, run.headSha),
    created_at: isoSeconds(run.createdAt),
    updated_at: isoSeconds(updated),
    actor: repo.world.users.json(run.actor),
    triggering_actor: repo.world.users.json(run.actor),
    run_attempt: 1,
    run_started_at: isoSeconds(run.createdAt),
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${apiRepoUrl(repo)}/check-suites/${run.suiteId}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    workflow_url: `${apiRepoUrl(repo)}/actions/workflows/${run.workflowId}`,
    head_commit: { id: run.headSha },
    repository: { id: repo.id, name: repo.name, full_name: repo.fullName },
    head_repository: { id: repo.id, name: repo.name, full_name: repo.fullName },
  };
}

/** Without explicit steps, the three GitHub always shows, following the job's own state. */
function stepsOf(job: JobRecord, run: CheckRunRecord | undefined): StepRecord[] {
  if (job.steps) return job.steps;
  const status = run?.status === "completed" ? "completed" : run?.status === "in_progress" ? "in_progress" : "queued";
  const conclusion = run?.conclusion ?? null;
  const steps: StepRecord[] = [
    {
      name: "Set up job",
      number: 1,
      status: status === "queued" ? "queued" : "completed",
      conclusion: status === "queued" ? null : "success",
    },
    { name: `Run ${job.name}`, number: 2, status, conclusion },
  ];
  if (status === "completed") steps.push({ name: "Complete job", number: 3, status, conclusion: "success" });
  return steps;
}

export function renderJob(repo: RepoState, job: JobRecord): Record<string, unknown> {
  const run = repo.ci.checkRun(job.id);
  const workflowRun = repo.ci.workflowRun(job.runId);
  const at = (ms: number | null | undefined): string | null => (ms == null ? null : isoSeconds(ms));
  return {
    id: job.id,
    run_id: job.runId,
    run_url: `${apiRepoUrl(repo)}/actions/runs/${job.runId}`,
    run_attempt: 1,
    node_id: `CR_${job.id}`,
    head_sha: run?.headSha ?? workflowRun?.headSha,
    head_branch: workflowRun?.headBranch ?? null,
    url: `${apiRepoUrl(repo)}/actions/jobs/${job.id}`,
    html_url: actionsJobUrl(repo, job.runId, job.id),
    status: run?.status ?? "queued",
    conclusion: run?.conclusion ?? null,
    created_at: isoSeconds(job.createdAt),
    started_at: at(run?.startedAt) ?? isoSeconds(job.createdAt),
    completed_at: at(run?.completedAt),
    name: job.name,
    workflow_name: workflowRun?.name ?? null,
    steps: stepsOf(job, run).map((step) => ({ ...step, started_at: null, completed_at: null })),
    check_run_url: `${apiRepoUrl(repo)}/check-runs/${job.id}`,
    labels: ["ubuntu-latest"],
    runner_id: null,
    runner_name: null,
    runner_group_id: null,
    runner_group_name: null,
  };
}
