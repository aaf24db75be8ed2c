import type { TakeoverPopResult } from "../../core/takeover/apply-takeover-pop.js";
import type { TakeoverPopPlan } from "../../core/takeover/plan-takeover-pop.js";
import { claimedJson, type ClaimedJson } from "./pop-json.js";
import { SCHEMA_VERSION, type SchemaVersion } from "./schema-version.js";

export interface TakeoverJson {
  /** The agent whose lease expired. */
  from: string;
  epoch: number;
  /** The previous holder's branch the new one starts from; null when it had pushed none. */
  continuedFrom: string | null;
}

/** `pop --take-over-stale --json`: the claim taken over, or null when there was none (exit 6). */
export interface PopTakeoverJson {
  schemaVersion: SchemaVersion;
  claimed: ClaimedJson | null;
  takeover: TakeoverJson | null;
}

export interface StaleClaimJson {
  number: number;
  agent: string;
  heartbeatAt: string;
  epoch: number;
}

/** `pop --take-over-stale --dry-run --json`: the stale claims it would try, oldest first. */
export interface PopTakeoverDryRunJson {
  schemaVersion: SchemaVersion;
  dryRun: true;
  stale: StaleClaimJson[];
}

export function popTakeoverJson(result: TakeoverPopResult | null): PopTakeoverJson {
  return {
    schemaVersion: SCHEMA_VERSION,
    claimed: result && claimedJson(result),
    takeover: result && { from: result.previousAgent, epoch: result.epoch, continuedFrom: result.continuedFrom },
  };
}

export function popTakeoverDryRunJson(plan: TakeoverPopPlan): PopTakeoverDryRunJson {
  return {
    schemaVersion: SCHEMA_VERSION,
    dryRun: true,
    stale: plan.stale.map((claim) => ({
      number: claim.issueNumber,
      agent: claim.lease.agent,
      heartbeatAt: claim.lease.heartbeatAt.toISOString(),
      epoch: claim.lease.epoch,
    })),
  };
}
