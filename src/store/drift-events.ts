import { z } from "zod";
import type { DriftEvent, DriftEventInput } from "../core/store-port.js";
import { DRIFT_SEVERITIES } from "../domain/drift.js";
import { redactText, redactValue } from "../domain/redact-secrets.js";
import { isoDate, jsonObject, jsonText, optional, parseRow, toIso } from "./rows.js";
import type { StoreContext } from "./store-context.js";

const driftRow = z
  .object({
    id: z.number().int(),
    at: isoDate,
    run_id: optional(z.string()),
    work_item_id: optional(z.number().int()),
    issue_number: optional(z.number().int()),
    kind: z.string(),
    severity: z.enum(DRIFT_SEVERITIES),
    expected: jsonText(jsonObject),
    found: jsonText(jsonObject),
    action: z.string(),
    outcome: z.string(),
  })
  .transform((row): DriftEvent => ({
    id: row.id,
    at: row.at,
    runId: row.run_id,
    workItemId: row.work_item_id,
    issueNumber: row.issue_number,
    kind: row.kind,
    severity: row.severity,
    expected: row.expected,
    found: row.found,
    action: row.action,
    outcome: row.outcome,
  }));

export function recordDrift(ctx: StoreContext, event: DriftEventInput): DriftEvent {
  const at = ctx.now();
  const expected = redactValue(event.expected, ctx.secrets);
  const found = redactValue(event.found, ctx.secrets);
  const outcome = redactText(event.outcome, ctx.secrets);
  const { lastInsertRowid } = ctx.db
    .prepare(
      `INSERT INTO drift_events (at, run_id, work_item_id, issue_number, kind, severity, expected, found, action, outcome)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      toIso(at),
      event.runId ?? null,
      event.workItemId ?? null,
      event.issueNumber ?? null,
      event.kind,
      event.severity,
      JSON.stringify(expected),
      JSON.stringify(found),
      event.action,
      outcome,
    );
  return { ...event, id: Number(lastInsertRowid), at, expected, found, outcome };
}

export function listDrifts(ctx: StoreContext, query: { since?: Date; issueNumber?: number } = {}): DriftEvent[] {
  return ctx.db
    .prepare(
      `SELECT * FROM drift_events
       WHERE at >= @since AND (@issue IS NULL OR issue_number = @issue)
       ORDER BY at, id`,
    )
    .all({ since: query.since === undefined ? "" : toIso(query.since), issue: query.issueNumber ?? null })
    .map((row) => parseRow(driftRow, row, "drift event"));
}
