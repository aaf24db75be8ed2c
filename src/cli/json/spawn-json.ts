import type { LoopSummary } from "../../autonomous/loop-types.js";
import type { SpawnPlan } from "../../autonomous/plan-spawn.js";
import { SCHEMA_VERSION, type SchemaVersion } from "./schema-version.js";
import { writesJson, type PlannedWriteJson } from "./writes-json.js";

/** `spawn --autonomous --dry-run --json`: what the loop would pick up, and the writes that would follow. */
export type SpawnDryRunJson = { schemaVersion: SchemaVersion; dryRun: true } & Omit<SpawnPlan, "writes"> & {
    writes: PlannedWriteJson[];
  };

/** `spawn --autonomous --json`: how the run ended and each issue it handled. */
export type SpawnSummaryJson = { schemaVersion: SchemaVersion } & LoopSummary;

export function spawnDryRunJson(plan: SpawnPlan): SpawnDryRunJson {
  return {
    schemaVersion: SCHEMA_VERSION,
    dryRun: true,
    restart: plan.restart,
    next: plan.next,
    agentCommand: plan.agentCommand,
    verify: plan.verify,
    budget: plan.budget,
    writes: writesJson(plan.writes),
    notify: plan.notify,
  };
}

export function spawnSummaryJson(summary: LoopSummary): SpawnSummaryJson {
  return { schemaVersion: SCHEMA_VERSION, ...summary };
}
