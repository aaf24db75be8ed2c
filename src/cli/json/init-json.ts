import type { InitResult } from "../../core/init/apply-init.js";
import type { PlannedWrite } from "../../core/planned-write.js";
import { SCHEMA_VERSION, type SchemaVersion } from "./schema-version.js";
import { writesJson, type PlannedWriteJson } from "./writes-json.js";

/** `init --json`: each label created / updated / unchanged, each file written or kept. */
export interface InitJson {
  schemaVersion: SchemaVersion;
  /** owner/name */
  repository: string;
  user: string;
  dryRun: boolean;
  labels: InitResult["labels"];
  files: InitResult["files"];
  /** With --dry-run: the writes a real run would make. */
  writes?: PlannedWriteJson[];
}

export function initJson(result: InitResult, plannedWrites?: readonly PlannedWrite[]): InitJson {
  return {
    schemaVersion: SCHEMA_VERSION,
    repository: result.repository,
    user: result.user,
    dryRun: result.dryRun,
    labels: result.labels,
    files: result.files,
    ...(plannedWrites ? { writes: writesJson(plannedWrites) } : {}),
  };
}
