import type { BottleResult } from "../../core/bottle/apply-bottle.js";
import type { BottlePlan } from "../../core/bottle/plan-bottle.js";
import type { PlannedWrite } from "../../core/planned-write.js";
import type { ReworkDeliveryResult } from "../../core/rework/apply-rework-delivery.js";
import type { VerifyOutcome } from "../../domain/pull-request-body.js";
import { SCHEMA_VERSION, type SchemaVersion } from "./schema-version.js";
import { writesJson, type PlannedWriteJson } from "./writes-json.js";

/** `bottle --json` (design §4): the pull request and the issue it closes. */
export interface BottleJson {
  schemaVersion: SchemaVersion;
  pr: { number: number; url: string; draft: boolean };
  issue: number;
  /** False when the PR was already open (a re-run). */
  created: boolean;
  branch: string;
  verify: VerifyOutcome;
  /** A rework round of a pull request in review was delivered (`BottleReworkJson`), not a pull request. */
  reworked: boolean;
}

/** `bottle --json` on a rework branch: the round pushed to the pull request and its one comment. */
export interface BottleReworkJson extends BottleJson {
  reworked: true;
  /** The round's comment on the pull request. */
  comment: string;
  /** A re-run after a complete round: nothing was pushed or commented again. */
  alreadyDelivered: boolean;
  /** null on a re-run. */
  round: number | null;
  maxRounds: number | null;
  /** Asked to review again (they had requested changes). */
  reviewRequested: string[];
  /** The commit now at the head of the pull request. */
  head: string;
}

/** `bottle --dry-run --json`: the issue and branch, and every write delivering them would make. */
export interface BottleDryRunJson {
  schemaVersion: SchemaVersion;
  dryRun: true;
  issue: number;
  branch: string;
  /** The writes deliver a rework round of a pull request in review. */
  reworked: boolean;
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
    reworked: false,
  };
}

export function bottleReworkJson(result: ReworkDeliveryResult): BottleReworkJson {
  return {
    schemaVersion: SCHEMA_VERSION,
    pr: result.pr,
    issue: result.issue,
    created: false,
    branch: result.branch,
    verify: result.verify,
    reworked: true,
    comment: result.comment,
    alreadyDelivered: !result.delivered,
    round: result.round,
    maxRounds: result.maxRounds,
    reviewRequested: result.reviewRequested,
    head: result.head,
  };
}

export function bottleDryRunJson(
  plan: BottlePlan,
  writes: readonly PlannedWrite[],
  reworked = false,
): BottleDryRunJson {
  return {
    schemaVersion: SCHEMA_VERSION,
    dryRun: true,
    issue: plan.issue.number,
    branch: plan.branch,
    reworked,
    writes: writesJson(writes),
  };
}
