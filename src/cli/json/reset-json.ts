import type { PlannedWrite } from "../../core/planned-write.js";
import type { ClearedCounts, LocalScope } from "../../core/reset/clear-local.js";
import type { KeptBranch, ReleasedClaim, ResetOutcome } from "../../core/reset/reset-outcome.js";
import { SCHEMA_VERSION, type SchemaVersion } from "./schema-version.js";
import { writesJson, type PlannedWriteJson } from "./writes-json.js";

/** `reset --json` (design §4): what was (or would be) released and kept, with the reasons. */
export interface ResetJson {
  schemaVersion: SchemaVersion;
  dryRun: boolean;
  released: ReleasedClaim[];
  kept: KeptBranch[];
  deletedBranches: string[];
  /** The base branch checked out because the current branch was deleted. */
  checkedOut: string | null;
  branchesExamined: boolean;
  /** With --dry-run. */
  writes?: PlannedWriteJson[];
  /** The confirmation was answered no: nothing changed. */
  cancelled?: true;
}

/** `reset --json` with no claim to release (exit 6). */
export interface NothingToResetJson {
  schemaVersion: SchemaVersion;
  released: [];
  kept: [];
}

/**
 * `reset --state-only --json` / `--recovery-only --json`: what was (or would be) deleted.
 * `released` and `kept` stay, empty, so readers of the usual reset shape need no special case.
 */
export interface LocalResetJson {
  schemaVersion: SchemaVersion;
  dryRun: boolean;
  scope: LocalScope;
  deleted: ClearedCounts;
  released: [];
  kept: [];
  cancelled?: true;
}

export function resetJson(
  outcome: ResetOutcome,
  options: { dryRun: boolean; writes?: readonly PlannedWrite[]; cancelled?: boolean },
): ResetJson {
  return {
    schemaVersion: SCHEMA_VERSION,
    dryRun: options.dryRun,
    released: outcome.released,
    kept: outcome.kept,
    deletedBranches: outcome.deletedBranches,
    checkedOut: outcome.checkedOut,
    branchesExamined: outcome.branchesNotExamined === null,
    ...(options.writes ? { writes: writesJson(options.writes) } : {}),
    ...(options.cancelled ? { cancelled: true } : {}),
  };
}

export function nothingToResetJson(): NothingToResetJson {
  return { schemaVersion: SCHEMA_VERSION, released: [], kept: [] };
}

export function localResetJson(
  scope: LocalScope,
  deleted: ClearedCounts,
  options: { dryRun: boolean; cancelled?: boolean },
): LocalResetJson {
  return {
    schemaVersion: SCHEMA_VERSION,
    dryRun: options.dryRun,
    scope,
    deleted,
    released: [],
    kept: [],
    ...(options.cancelled ? { cancelled: true } : {}),
  };
}
