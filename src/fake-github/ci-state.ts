import type { AppDirectory } from "./apps.js";
import { advanceTimestamps, combineLifecycles, type Lifecycle } from "./check-status.js";
import {
  outputRecord,
  stepRecords,
  type CheckRunRecord,
  type CheckSuiteRecord,
  type JobRecord,
  type NewCheckRun,
  type NewJob,
  type NewWorkflowRun,
  type WorkflowRunRecord,
} from "./ci-records.js";
import type { CheckRunPatch } from "./types-checks.js";

// Check suites, check runs and GitHub Actions runs of one repository, in creation order.

export class CiState {
  readonly suites: CheckSuiteRecord[] = [];
  readonly checkRuns: CheckRunRecord[] = [];
  readonly workflowRuns: WorkflowRunRecord[] = [];
  readonly jobs: JobRecord[] = [];
  private readonly workflowIds = new Map<string, number>();
  private readonly logs = { deniedToAll: false, denied: new Set<string>() };

  constructor(
    private readonly nextId: () => number,
    private readonly apps: AppDirectory,
  ) {}

  /** Job logs need `actions: read`; a test takes it away from one login or from everybody. */
  canReadLogs(login: string): boolean {
    return !this.logs.deniedToAll && !this.logs.denied.has(login.toLowerCase());
  }

  setLogAccess(allowed: boolean, login?: string): void {
    if (login === undefined) {
      this.logs.deniedToAll = !allowed;
      if (allowed) this.logs.denied.clear();
    } else if (allowed) this.logs.denied.delete(login.toLowerCase());
    else this.logs.denied.add(login.toLowerCase());
  }

  suite(id: number): CheckSuiteRecord | undefined {
    return this.suites.find((suite) => suite.id === id);
  }

  checkRun(id: number): CheckRunRecord | undefined {
    return this.checkRuns.find((run) => run.id === id);
  }

  workflowRun(id: number): WorkflowRunRecord | undefined {
    return this.workflowRuns.find((run) => run.id === id);
  }

  job(id: number): JobRecord | undefined {
    return this.jobs.find((job) => job.id === id);
  }

  /**
   * A suite rolls up the newest run of each name (a re-run replaces the run before it); one
   * held for approval is complete and needs action.
   */
  suiteLifecycle(suite: CheckSuiteRecord): Lifecycle {
    const latest = new Map<string, CheckRunRecord>();
    for (const run of this.checkRuns) if (run.suiteId === suite.id) latest.set(run.name, run);
    if (latest.size === 0 && suite.held) return { status: "completed", conclusion: "action_required" };
    return combineLifecycles([...latest.values()]);
  }

  /** Apps other than Actions get one suite per commit, as GitHub creates them on push. */
  addCheckRun(input: NewCheckRun, id = this.nextId(), suite?: CheckSuiteRecord): CheckRunRecord {
    const app = this.apps.app(input.appSlug);
    const target =
      suite ??
      this.suites.find((s) => s.app.id === app.id && s.headSha === input.headSha) ??
      this.addSuite(app.slug, input.headSha, input.headBranch, false);
    const now = Date.now();
    const conclusion = input.conclusion ?? null;
    const run: CheckRunRecord = {
      id,
      suiteId: target.id,
      app,
      name: input.name,
      headSha: input.headSha,
      status: "queued",
      conclusion,
      startedAt: now,
      completedAt: null,
      output: outputRecord(input.output),
      detailsUrl: input.detailsUrl ?? null,
      externalId: input.externalId ?? null,
      jobId: null,
    };
    advanceTimestamps(run, input.status ?? (conclusion ? "completed" : "queued"), now);
    this.checkRuns.push(run);
    target.updatedAt = now;
    return run;
  }

  updateCheckRun(run: CheckRunRecord, patch: CheckRunPatch): void {
    const now = Date.now();
    if (patch.conclusion !== undefined) run.conclusion = patch.conclusion;
    const status = patch.status ?? (patch.conclusion ? "completed" : run.status);
    advanceTimestamps(run, status, now);
    if (status !== "completed") run.conclusion = null;
    if (patch.output !== undefined) run.output = outputRecord(patch.output, run.output);
    const suite = this.suite(run.suiteId);
    if (suite) suite.updatedAt = now;
  }

  addWorkflowRun(input: NewWorkflowRun): WorkflowRunRecord {
    const suite = this.addSuite("github-actions", input.headSha, input.headBranch, input.held);
    let workflowId = this.workflowIds.get(input.path);
    if (workflowId === undefined) {
      workflowId = this.nextId();
      this.workflowIds.set(input.path, workflowId);
    }
    const run: WorkflowRunRecord = {
      id: this.nextId(),
      name: input.name,
      path: input.path,
      workflowId,
      event: input.event,
      headSha: input.headSha,
      headBranch: input.headBranch,
      runNumber: this.workflowRuns.filter((r) => r.workflowId === workflowId).length + 1,
      suiteId: suite.id,
      actor: input.actor,
      createdAt: Date.now(),
    };
    this.workflowRuns.push(run);
    return run;
  }

  /** The job and its check run are born together and share an id. */
  addJob(run: WorkflowRunRecord, input: NewJob): JobRecord {
    const suite = this.suite(run.suiteId);
    if (!suite) throw new Error(`fake GitHub: workflow run ${run.id} lost its check suite`);
    suite.held = false;
    const checkRun = this.addCheckRun(
      {
        name: input.name,
        headSha: run.headSha,
        headBranch: run.headBranch,
        appSlug: "github-actions",
        ...(input.status === undefined ? {} : { status: input.status }),
        ...(input.conclusion === undefined ? {} : { conclusion: input.conclusion }),
        ...(input.output === undefined ? {} : { output: input.output }),
      },
      this.nextId(),
      suite,
    );
    checkRun.jobId = checkRun.id;
    const job: JobRecord = {
      id: checkRun.id,
      runId: run.id,
      name: input.name,
      steps: input.steps ? stepRecords(input.steps) : null,
      log: input.log ?? "",
      createdAt: Date.now(),
    };
    this.jobs.push(job);
    return job;
  }

  updateJob(job: JobRecord, patch: NewJob | Omit<NewJob, "name">): void {
    const run = this.checkRun(job.id);
    if (run) {
      const change: CheckRunPatch = {};
      if (patch.status !== undefined) change.status = patch.status;
      if (patch.conclusion !== undefined) change.conclusion = patch.conclusion;
      if (patch.output !== undefined) change.output = patch.output;
      this.updateCheckRun(run, change);
    }
    if (patch.steps !== undefined) job.steps = stepRecords(patch.steps);
    if (patch.log !== undefined) job.log = patch.log;
  }

  private addSuite(appSlug: string, headSha: string, headBranch: string | null, held: boolean): CheckSuiteRecord {
    const now = Date.now();
    const suite: CheckSuiteRecord = {
      id: this.nextId(),
      app: this.apps.app(appSlug),
      headSha,
      headBranch,
      createdAt: now,
      updatedAt: now,
      held,
    };
    this.suites.push(suite);
    return suite;
  }
}
