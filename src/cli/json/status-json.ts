import type { StatusReport } from "../../core/status/status-report.js";
import { SCHEMA_VERSION, type SchemaVersion } from "./schema-version.js";

/** `status --json` (design §4): the report as `status` reads it, field for field. */
export type StatusJson = { schemaVersion: SchemaVersion } & StatusReport;

export function statusJson(report: StatusReport): StatusJson {
  return { schemaVersion: SCHEMA_VERSION, ...report };
}
