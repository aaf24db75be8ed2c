import type { ContinuityReport } from "../../autonomous/continuity-report.js";
import { SCHEMA_VERSION, type SchemaVersion } from "./schema-version.js";

/** `continuity-status --json` (design §4): checkpoint, run, loop, store integrity and the restart prediction. */
export type ContinuityStatusJson = { schemaVersion: SchemaVersion } & ContinuityReport;

export function continuityStatusJson(report: ContinuityReport): ContinuityStatusJson {
  return { schemaVersion: SCHEMA_VERSION, ...report };
}
