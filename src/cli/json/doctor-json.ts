import type { DoctorCheck, DoctorReport, DoctorStatus } from "../../core/doctor/doctor-check.js";
import { SCHEMA_VERSION, type SchemaVersion } from "./schema-version.js";

/**
 * `doctor --json` (design §4): every check in the order printed, and a count per status. `ok` is
 * false exactly when doctor exits 7.
 */
export interface DoctorJson {
  schemaVersion: SchemaVersion;
  ok: boolean;
  summary: Record<DoctorStatus, number>;
  checks: DoctorCheck[];
}

export function doctorJson(report: DoctorReport): DoctorJson {
  const summary: Record<DoctorStatus, number> = { ok: 0, warn: 0, fail: 0, skipped: 0 };
  for (const check of report.checks) summary[check.status] += 1;
  return { schemaVersion: SCHEMA_VERSION, ok: !report.failed, summary, checks: report.checks };
}
