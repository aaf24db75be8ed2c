import type { RecoveryReport } from "../../core/reports/recovery-report.js";
import { SCHEMA_VERSION, type SchemaVersion } from "./schema-version.js";

/** `recovery-report --json` (design §4): the recorded recovery attempts and their summary. */
export type RecoveryReportJson = { schemaVersion: SchemaVersion } & RecoveryReport;

export function recoveryReportJson(report: RecoveryReport): RecoveryReportJson {
  return { schemaVersion: SCHEMA_VERSION, ...report };
}
