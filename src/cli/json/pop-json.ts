import type { PopResult } from "../../core/pop/apply-pop.js";
import type { PopPlan } from "../../core/pop/plan-pop.js";
import type { PlannedWrite } from "../../core/planned-write.js";
import { branchFor } from "../../domain/branch-name.js";
import { SCHEMA_VERSION, type SchemaVersion } from "./schema-version.js";
import { writesJson, type PlannedWriteJson } from "./writes-json.js";

export interface ClaimedJson {
  number: number;
  title: string;
  branch: string;
  url: string;
  /** Where the work happens: the worktree, or the checkout's root. */
  workdir: string;
}

/**
 * `pop --json` (design §4): the claimed task, or null on an empty queue (exit 6) — or, with
 * `lostEveryRace`, when other agents claimed every candidate tried first (exit 4, design §3).
 */
export interface PopJson {
  schemaVersion: SchemaVersion;
  claimed: ClaimedJson | null;
  /** Only when every race was lost: the issues tried, each claimed by another agent first. */
  lostEveryRace?: { tried: number[] };
}

/** `pop --dry-run --json`: what would be claimed and every write that would make it so. */
export interface PopDryRunJson {
  schemaVersion: SchemaVersion;
  dryRun: true;
  claimed: null;
  wouldClaim: Omit<ClaimedJson, "workdir"> | null;
  writes: PlannedWriteJson[];
}

export function popJson(result: PopResult | null, lostTo?: readonly number[]): PopJson {
  return {
    schemaVersion: SCHEMA_VERSION,
    claimed: result && claimedJson(result),
    ...(lostTo && { lostEveryRace: { tried: [...lostTo] } }),
  };
}

/** A claim as `pop` reports it, whichever way it was made (the queue, `--take-over-stale`). */
export function claimedJson(claim: ClaimedJson): ClaimedJson {
  return { number: claim.number, title: claim.title, branch: claim.branch, url: claim.url, workdir: claim.workdir };
}

export function popDryRunJson(plan: PopPlan, agentId: string, writes: readonly PlannedWrite[]): PopDryRunJson {
  const first = plan.candidates[0];
  return {
    schemaVersion: SCHEMA_VERSION,
    dryRun: true,
    claimed: null,
    wouldClaim: first
      ? { number: first.number, title: first.title, branch: branchFor(agentId, first), url: first.url }
      : null,
    writes: writesJson(writes),
  };
}
