import type { Report } from "../../core/report/report-types.js";
import { summarizeReport, type ReportSummary } from "../../core/report/summarize-report.js";
import { SCHEMA_VERSION, type SchemaVersion } from "./schema-version.js";

/**
 * `report --json` (design §4): the whole report as the core returns it (ISO times, milliseconds,
 * US dollars), with its one-line summary and, with `--html`, where the page was written.
 */
export type ReportJson = { schemaVersion: SchemaVersion; summary: ReportSummary; html?: string } & Report;

export function reportJson(report: Report, html?: string): ReportJson {
  return { schemaVersion: SCHEMA_VERSION, summary: summarizeReport(report), ...report, ...(html ? { html } : {}) };
}
