import { z } from "zod";
import type { AuditEntry, AuditEntryInput } from "../core/store-port.js";
import { redactText, redactValue } from "../domain/redact-secrets.js";
import { isoDate, jsonObject, jsonText, optional, parseRow, toIso, toJson } from "./rows.js";
import type { StoreContext } from "./store-context.js";

const auditRow = z
  .object({
    id: z.number().int(),
    at: isoDate,
    run_id: optional(z.string()),
    work_item_id: optional(z.number().int()),
    system: z.enum(["github", "git"]),
    action: z.string(),
    target: z.string(),
    outcome: z.enum(["ok", "error"]),
    detail: optional(jsonText(jsonObject)),
  })
  .transform((row): AuditEntry => ({
    id: row.id,
    at: row.at,
    runId: row.run_id,
    workItemId: row.work_item_id,
    system: row.system,
    action: row.action,
    target: row.target,
    outcome: row.outcome,
    detail: row.detail,
  }));

/** Every string the caller gives is redacted: a URL target can carry credentials too. */
export function audit(ctx: StoreContext, entry: AuditEntryInput): AuditEntry {
  const at = ctx.now();
  const action = redactText(entry.action, ctx.secrets);
  const target = redactText(entry.target, ctx.secrets);
  const detail = redactValue(entry.detail, ctx.secrets);
  const { lastInsertRowid } = ctx.db
    .prepare(
      `INSERT INTO audit_log (at, run_id, work_item_id, system, action, target, outcome, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      toIso(at),
      entry.runId ?? null,
      entry.workItemId ?? null,
      entry.system,
      action,
      target,
      entry.outcome,
      toJson(detail),
    );
  return { ...entry, id: Number(lastInsertRowid), at, action, target, detail };
}

export function auditEntries(ctx: StoreContext, query: { since?: Date; limit?: number } = {}): AuditEntry[] {
  // Newest first to apply the limit, then turned back into time order.
  const rows = ctx.db
    .prepare(`SELECT * FROM audit_log WHERE at >= ? ORDER BY at DESC, id DESC LIMIT ?`)
    .all(query.since === undefined ? "" : toIso(query.since), query.limit ?? -1);
  return rows.map((row) => parseRow(auditRow, row, "audit log entry")).reverse();
}
