// Public types for check runs, check suites and GitHub Actions workflow runs and jobs.

/** waiting, requested and pending are reserved for GitHub Actions, as on GitHub. */
export type CheckStatus = "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";

export type CheckConclusion =
  "success" | "failure" | "neutral" | "cancelled" | "skipped" | "timed_out" | "action_required" | "stale";

export interface CheckOutput {
  title?: string | null;
  summary?: string | null;
  text?: string | null;
  annotationsCount?: number;
}

export interface CheckRunSeed {
  name: string;
  /** A full commit sha, or a branch name resolved to its current head. */
  ref: string;
  /** Defaults to "completed" when a conclusion is given, else "queued". */
  status?: CheckStatus;
  conclusion?: CheckConclusion | null;
  output?: CheckOutput;
  /** The GitHub App reporting the run (default "fake-ci"); "github-actions" is GitHub's own. */
  appSlug?: string;
  detailsUrl?: string | null;
  externalId?: string | null;
}

export interface CheckRunPatch {
  status?: CheckStatus;
  conclusion?: CheckConclusion | null;
  output?: CheckOutput;
}

export interface FakeCheckRun {
  readonly id: number;
  readonly name: string;
  readonly headSha: string;
  readonly status: CheckStatus;
  readonly conclusion: CheckConclusion | null;
  readonly appSlug: string;
  readonly checkSuiteId: number;
  /** The Actions job behind the run: GitHub gives both the same id. */
  readonly jobId: number | null;
}

export interface WorkflowStepSeed {
  name: string;
  status?: "queued" | "in_progress" | "completed";
  conclusion?: CheckConclusion | null;
}

export interface WorkflowJobSeed {
  name: string;
  status?: CheckStatus;
  conclusion?: CheckConclusion | null;
  /** Defaults to "Set up job", "Run <name>", "Complete job" following the job's own state. */
  steps?: WorkflowStepSeed[];
  /** Plain text; the fake prefixes every line with a timestamp, as GitHub's job logs have. */
  log?: string;
  /** Annotations and a summary shown on the job's check run. */
  output?: CheckOutput;
}

export interface WorkflowRunSeed {
  /** The workflow's name, e.g. "CI". */
  name: string;
  /** A full commit sha, or a branch name resolved to its current head. */
  ref: string;
  /** Defaults to a branch pointing at the head, if any. */
  headBranch?: string | null;
  event?: string;
  /** Defaults to .github/workflows/<name>.yml. */
  path?: string;
  actor?: string;
  jobs?: WorkflowJobSeed[];
  /**
   * A run GitHub holds until a maintainer approves it (a first-time contributor or a bot):
   * no jobs, no check runs, status completed and conclusion action_required.
   */
  awaitingApproval?: boolean;
}

export interface WorkflowJobPatch {
  status?: CheckStatus;
  conclusion?: CheckConclusion | null;
  steps?: WorkflowStepSeed[];
  log?: string;
  output?: CheckOutput;
}

export interface FakeWorkflowJob {
  /** Also the id of the job's check run. */
  readonly id: number;
  readonly runId: number;
  readonly name: string;
}

export interface FakeWorkflowRun {
  readonly id: number;
  readonly name: string;
  readonly headSha: string;
  readonly checkSuiteId: number;
  readonly jobs: FakeWorkflowJob[];
}

/** FakeRepo's CI helpers: what CI apps and GitHub Actions report, without HTTP. */
export interface FakeRepoChecks {
  addCheckRun(seed: CheckRunSeed): Promise<FakeCheckRun>;
  updateCheckRun(id: number, patch: CheckRunPatch): FakeCheckRun;
  checkRuns(): FakeCheckRun[];
  /** A GitHub Actions workflow run: a check suite of the github-actions app and one check run per job. */
  addWorkflowRun(seed: WorkflowRunSeed): Promise<FakeWorkflowRun>;
  /** A job appearing on an existing run, e.g. once a run awaiting approval was approved. */
  addWorkflowJob(runId: number, seed: WorkflowJobSeed): FakeWorkflowRun;
  updateWorkflowJob(jobId: number, patch: WorkflowJobPatch): void;
  /** Without `actions: read` GitHub refuses the job-log redirect; `login` omitted: everybody. */
  setActionsLogAccess(allowed: boolean, login?: string): void;
}
