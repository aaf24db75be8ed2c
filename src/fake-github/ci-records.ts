import type { AppRecord } from "./apps.js";
import type { CheckConclusion, CheckOutput, CheckStatus, WorkflowStepSeed } from "./types-checks.js";

// The stored shape of checks and Actions runs. A job and its check run share one id, as on
// GitHub; the job's status and conclusion live on the check run only, so they never disagree.

export interface CheckOutputRecord {
  title: string | null;
  summary: string | null;
  text: string | null;
  annotationsCount: number;
}

export interface CheckSuiteRecord {
  id: number;
  app: AppRecord;
  headSha: string;
  headBranch: string | null;
  createdAt: number;
  updatedAt: number;
  /** A workflow run held for approval has no check runs; GitHub reports it like this. */
  held: boolean;
}

export interface CheckRunRecord {
  id: number;
  suiteId: number;
  app: AppRecord;
  name: string;
  headSha: string;
  status: CheckStatus;
  conclusion: CheckConclusion | null;
  startedAt: number | null;
  completedAt: number | null;
  output: CheckOutputRecord;
  detailsUrl: string | null;
  externalId: string | null;
  jobId: number | null;
}

export interface StepRecord {
  name: string;
  number: number;
  status: "queued" | "in_progress" | "completed";
  conclusion: CheckConclusion | null;
}

export interface JobRecord {
  /** Also the id of its check run. */
  id: number;
  runId: number;
  name: string;
  /** Explicit steps, or null to derive them from the job's state. */
  steps: StepRecord[] | null;
  log: string;
  createdAt: number;
}

export interface WorkflowRunRecord {
  id: number;
  name: string;
  path: string;
  workflowId: number;
  event: string;
  headSha: string;
  headBranch: string | null;
  runNumber: number;
  suiteId: number;
  actor: string;
  createdAt: number;
}

// What CiState is asked to create.

export interface NewCheckRun {
  name: string;
  headSha: string;
  headBranch: string | null;
  appSlug: string;
  status?: CheckStatus;
  conclusion?: CheckConclusion | null;
  output?: CheckOutput;
  detailsUrl?: string | null;
  externalId?: string | null;
}

export interface NewWorkflowRun {
  name: string;
  path: string;
  event: string;
  headSha: string;
  headBranch: string | null;
  actor: string;
  held: boolean;
}

export interface NewJob {
  name: string;
  status?: CheckStatus;
  conclusion?: CheckConclusion | null;
  steps?: WorkflowStepSeed[];
  log?: string;
  output?: CheckOutput;
}

export function outputRecord(output: CheckOutput = {}, previous?: CheckOutputRecord): CheckOutputRecord {
  return {
    title: output.title !== undefined ? output.title : (previous?.title ?? null),
    summary: output.summary !== undefined ? output.summary : (previous?.summary ?? null),
    text: output.text !== undefined ? output.text : (previous?.text ?? null),
    annotationsCount: output.annotationsCount ?? previous?.annotationsCount ?? 0,
  };
}

export const stepRecords = (steps: WorkflowStepSeed[]): StepRecord[] =>
  steps.map((step, index) => ({
    name: step.name,
    number: index + 1,
    status: step.status ?? (step.conclusion ? "completed" : "queued"),
    conclusion: step.conclusion ?? null,
  }));
