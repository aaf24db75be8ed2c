import type { PlannedWrite } from "../../core/planned-write.js";
import type { ReworkResult } from "../../core/rework/apply-rework.js";
import type { ReworkClaimPlan } from "../../core/rework/plan-rework.js";
import type { ReviewStage } from "../../domain/review/verdict.js";
import { reworkReasonJson, type ReworkReasonJson } from "./rework-reason-json.js";
import { SCHEMA_VERSION, type SchemaVersion } from "./schema-version.js";
import { writesJson, type PlannedWriteJson } from "./writes-json.js";

export interface ReworkJson {
  /** The pull request. */
  number: number;
  issue: number;
  title: string;
  url: string;
  branch: string;
  stage: ReviewStage;
  round: number;
  maxRounds: number;
  reasons: ReworkReasonJson[];
  /** The reasons in Markdown, as the loop's agent gets them. */
  markdown: string;
  /** Where the work happens: the worktree, or the checkout's root. */
  workdir: string;
  /** Files of a merge with the base left in progress. */
  conflictFiles: string[];
}

/** `pop --rework --json`: the pull request claimed for rework, or null when none needs it (exit 6). */
export interface PopReworkJson {
  schemaVersion: SchemaVersion;
  rework: ReworkJson | null;
}

/** `pop --rework --dry-run --json`: what would be claimed and every write that would make it so. */
export interface PopReworkDryRunJson {
  schemaVersion: SchemaVersion;
  dryRun: true;
  rework: null;
  wouldRework: Omit<ReworkJson, "markdown" | "workdir" | "conflictFiles">;
  writes: PlannedWriteJson[];
}

export function popReworkJson(result: ReworkResult | null): PopReworkJson {
  return {
    schemaVersion: SCHEMA_VERSION,
    rework: result && {
      number: result.number,
      issue: result.issue,
      title: result.title,
      url: result.url,
      branch: result.branch,
      stage: result.stage,
      round: result.round,
      maxRounds: result.maxRounds,
      reasons: result.reasons.map(reworkReasonJson),
      markdown: result.markdown,
      workdir: result.workdir,
      conflictFiles: result.conflictFiles,
    },
  };
}

export function popReworkDryRunJson(plan: ReworkClaimPlan, writes: readonly PlannedWrite[]): PopReworkDryRunJson {
  const { pull, issueNumber } = plan.own;
  return {
    schemaVersion: SCHEMA_VERSION,
    dryRun: true,
    rework: null,
    wouldRework: {
      number: pull.number,
      issue: issueNumber,
      title: pull.title,
      url: pull.url,
      branch: pull.headBranch,
      stage: plan.assessment.stage,
      round: plan.round,
      maxRounds: plan.maxRounds,
      reasons: plan.assessment.reasons.map(reworkReasonJson),
    },
    writes: writesJson(writes),
  };
}
