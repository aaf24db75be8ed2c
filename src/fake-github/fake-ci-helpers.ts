import type { CheckRunRecord, WorkflowRunRecord } from "./ci-records.js";
import type { RepoState } from "./state.js";
import type {
  CheckRunPatch,
  CheckRunSeed,
  FakeCheckRun,
  FakeWorkflowRun,
  WorkflowJobPatch,
  WorkflowJobSeed,
  WorkflowRunSeed,
} from "./types-checks.js";

// FakeRepo's checks and Actions helpers: "CI reported this", without HTTP.

/** A full sha or a branch; the branch (or one pointing at the sha) becomes the head branch. */
async function resolveHead(repo: RepoState, ref: string): Promise<{ sha: string; branch: string | null }> {
  const sha = await repo.bare.resolveCommit(ref);
  if (!sha) throw new Error(`fake GitHub: ${repo.fullName} has no commit or branch "${ref}"`);
  const refs = await repo.bare.listRefs("refs/heads/");
  const named = refs.find((entry) => entry.ref === `refs/heads/${ref}`) ?? refs.find((entry) => entry.sha === sha);
  return { sha, branch: named ? named.ref.slice("refs/heads/".length) : null };
}

export function checkRunView(run: CheckRunRecord): FakeCheckRun {
  return {
    id: run.id,
    name: run.name,
    headSha: run.headSha,
    status: run.status,
    conclusion: run.conclusion,
    appSlug: run.app.slug,
    checkSuiteId: run.suiteId,
    jobId: run.jobId,
  };
}

export function workflowRunView(repo: RepoState, run: WorkflowRunRecord): FakeWorkflowRun {
  return {
    id: run.id,
    name: run.name,
    headSha: run.headSha,
    checkSuiteId: run.suiteId,
    jobs: repo.ci.jobs.filter((job) => job.runId === run.id).map(({ id, runId, name }) => ({ id, runId, name })),
  };
}

export async function addCheckRun(repo: RepoState, seed: CheckRunSeed): Promise<FakeCheckRun> {
  const head = await resolveHead(repo, seed.ref);
  const run = repo.ci.addCheckRun({
    name: seed.name,
    headSha: head.sha,
    headBranch: head.branch,
    appSlug: seed.appSlug ?? "fake-ci",
    ...(seed.status === undefined ? {} : { status: seed.status }),
    ...(seed.conclusion === undefined ? {} : { conclusion: seed.conclusion }),
    ...(seed.output === undefined ? {} : { output: seed.output }),
    ...(seed.detailsUrl === undefined ? {} : { detailsUrl: seed.detailsUrl }),
    ...(seed.externalId === undefined ? {} : { externalId: seed.externalId }),
  });
  return checkRunView(run);
}

export function updateCheckRun(repo: RepoState, id: number, patch: CheckRunPatch): FakeCheckRun {
  const run = repo.ci.checkRun(id);
  if (!run) throw new Error(`fake GitHub: ${repo.fullName} has no check run ${id}`);
  repo.ci.updateCheckRun(run, patch);
  return checkRunView(run);
}

export async function addWorkflowRun(repo: RepoState, seed: WorkflowRunSeed): Promise<FakeWorkflowRun> {
  const head = await resolveHead(repo, seed.ref);
  const slug = seed.name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const run = repo.ci.addWorkflowRun({
    name: seed.name,
    path: seed.path ?? `.github/workflows/${slug}.yml`,
    event: seed.event ?? "pull_request",
    headSha: head.sha,
    headBranch: seed.headBranch === undefined ? head.branch : seed.headBranch,
    actor: seed.actor ?? repo.owner,
    held: seed.awaitingApproval ?? false,
  });
  if (!seed.awaitingApproval) for (const job of seed.jobs ?? []) repo.ci.addJob(run, job);
  return workflowRunView(repo, run);
}

export function addWorkflowJob(repo: RepoState, runId: number, seed: WorkflowJobSeed): FakeWorkflowRun {
  const run = repo.ci.workflowRun(runId);
  if (!run) throw new Error(`fake GitHub: ${repo.fullName} has no workflow run ${runId}`);
  repo.ci.addJob(run, seed);
  return workflowRunView(repo, run);
}

export function updateWorkflowJob(repo: RepoState, jobId: number, patch: WorkflowJobPatch): void {
  const job = repo.ci.job(jobId);
  if (!job) throw new Error(`fake GitHub: ${repo.fullName} has no Actions job ${jobId}`);
  repo.ci.updateJob(job, patch);
}
