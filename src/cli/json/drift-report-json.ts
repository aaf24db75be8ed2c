import type { ClaimCheck } from "../../autonomous/drift/check-claims-now.js";
import type { DriftReport } from "../../core/reports/drift-report.js";
import { SCHEMA_VERSION, type SchemaVersion } from "./schema-version.js";

/** `drift-report --json` (design §4): the recorded drifts, their summary, and with `--now` the current claims checked. */
export type DriftReportJson = { schemaVersion: SchemaVersion } & DriftReport & { now?: ClaimCheck[] };

export function driftReportJson(report: DriftReport, now?: ClaimCheck[]): DriftReportJson {
  return { schemaVersion: SCHEMA_VERSION, ...report, ...(now ? { now } : {}) };
}
