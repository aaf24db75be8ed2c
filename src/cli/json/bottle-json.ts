import type { BottleResult } from "../../core/bottle/apply-bottle.js";
import type { BottlePlan } from "../../core/bottle/plan-bottle.js";
import type { PlannedWrite } from "../../core/planned-write.js";
import type { VerifyOutcome } from "../../domain/pull-request-body.js";
import { SCHEMA_VERSION, type SchemaVersion } from "./schema-version.js";
import { writesJson, type PlannedWriteJson } from "./writes-json.js";

/** `bottle --json` (SPEC §4): the pull request and the issue it closes. */
export interface BottleJson {
  schemaVersion: SchemaVersion;
  pr: { number: number; url: string; draft: boolean };
  issue: number;
  /** False when the PR was already open (a re-run). */
  created: boolean;
  branch: string;
  verify: VerifyOutcome;
}

/** `bottle --dry-run --json`: the issue and branch, and every write delivering them would make. */
export interface BottleDryRunJson {
  schemaVersion: SchemaVersion;
  dryRun: true;
  issue: number;
  branch: string;
  writes: PlannedWriteJson[];
}

export function bottleJson(result: BottleResult): BottleJson {
  return {
    schemaVersion: SCHEMA_VERSION,
    pr: { number: result.pr.number, url: result.pr.url, draft: result.pr.draft },
    issue: result.issue,
    created: result.created,
    branch: result.branch,
    verify: result.verify,
  };
}

export function bottleDryRunJson(plan: BottlePlan, writes: readonly PlannedWrite[]): BottleDryRunJson {
  return {
    schemaVersion: SCHEMA_VERSION,
    dryRun: true,
    issue: plan.issue.number,
    branch: plan.branch,
    writes: writesJson(writes),
  };
}
