import { z } from "zod";
import type { RecoveryEvent, RecoveryEventInput } from "../core/store-port.js";
import { redactValue } from "../domain/redact-secrets.js";
import { isoDate, jsonObject, jsonText, optional, parseRow, toIso, toJson } from "./rows.js";
import type { StoreContext } from "./store-context.js";

const int = z.number().int();

const recoveryRow = z
  .object({
    id: int,
    at: isoDate,
    run_id: optional(z.string()),
    work_item_id: optional(int),
    issue_number: optional(int),
    error_class: z.string(),
    strategy: z.string(),
    tries: int.min(0),
    outcome: z.enum(["recovered", "gave-up", "escalated"]),
    duration_ms: int.min(0),
    detail: optional(jsonText(jsonObject)),
  })
  .transform((row): RecoveryEvent => ({
    id: row.id,
    at: row.at,
    runId: row.run_id,
    workItemId: row.work_item_id,
    issueNumber: row.issue_number,
    errorClass: row.error_class,
    strategy: row.strategy,
    tries: row.tries,
    outcome: row.outcome,
    durationMs: row.duration_ms,
    detail: row.detail,
  }));

export function recordRecovery(ctx: StoreContext, event: RecoveryEventInput): RecoveryEvent {
  const at = ctx.now();
  const detail = redactValue(event.detail, ctx.secrets);
  // Durations are whole milliseconds: the column is an INTEGER in a STRICT table.
  const durationMs = Math.round(event.durationMs);
  const { lastInsertRowid } = ctx.db
    .prepare(
      `INSERT INTO recovery_events (at, run_id, work_item_id, issue_number, error_class, strategy, tries, outcome,
         duration_ms, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      toIso(at),
      event.runId ?? null,
      event.workItemId ?? null,
      event.issueNumber ?? null,
      event.errorClass,
      event.strategy,
      event.tries,
      event.outcome,
      durationMs,
      toJson(detail),
    );
  return { ...event, id: Number(lastInsertRowid), at, durationMs, detail };
}

export function listRecoveries(ctx: StoreContext, query: { since?: Date } = {}): RecoveryEvent[] {
  return ctx.db
    .prepare(`SELECT * FROM recovery_events WHERE at >= ? ORDER BY at, id`)
    .all(query.since === undefined ? "" : toIso(query.since))
    .map((row) => parseRow(recoveryRow, row, "recovery event"));
}

export function clearRecoveries(ctx: StoreContext): number {
  return ctx.db.prepare(`DELETE FROM recovery_events`).run().changes;
}
