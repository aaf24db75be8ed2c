import { z } from "zod";
import type { TrustRefusal } from "../core/store-port.js";
import { isoDate, optional, parseRow, toIso } from "./rows.js";
import { immediate, type StoreContext } from "./store-context.js";

const refusalRow = z
  .object({
    issue_number: z.number().int(),
    approval: z.string(),
    reason: z.string(),
    at: isoDate,
    comment_posting: z.number().int(),
    comment_url: optional(z.string()),
  })
  .transform((row): TrustRefusal => ({
    issueNumber: row.issue_number,
    approval: row.approval,
    reason: row.reason,
    at: row.at,
    commentPosting: row.comment_posting !== 0,
    ...(row.comment_url === undefined ? {} : { commentUrl: row.comment_url }),
  }));

export function recordTrustRefusal(
  ctx: StoreContext,
  refusal: { issueNumber: number; approval: string; reason: string },
): TrustRefusal {
  return immediate(ctx, () => {
    const before = trustRefusal(ctx, refusal.issueNumber);
    const sameApproval = before?.approval === refusal.approval;
    ctx.db
      .prepare(
        `INSERT OR REPLACE INTO trust_refusals (issue_number, approval, reason, at, comment_posting, comment_url)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        refusal.issueNumber,
        refusal.approval,
        refusal.reason,
        toIso(ctx.now()),
        sameApproval && before.commentPosting ? 1 : 0,
        sameApproval ? (before.commentUrl ?? null) : null,
      );
    const after = trustRefusal(ctx, refusal.issueNumber);
    if (!after) throw new Error("unreachable: the refusal was just written");
    return after;
  });
}

export function markCommentPosting(ctx: StoreContext, issueNumber: number): void {
  ctx.db.prepare(`UPDATE trust_refusals SET comment_posting = 1 WHERE issue_number = ?`).run(issueNumber);
}

export function markCommentPosted(ctx: StoreContext, issueNumber: number, url: string): void {
  ctx.db.prepare(`UPDATE trust_refusals SET comment_url = ? WHERE issue_number = ?`).run(url, issueNumber);
}

export function clearTrustRefusal(ctx: StoreContext, issueNumber: number): void {
  ctx.db.prepare(`DELETE FROM trust_refusals WHERE issue_number = ?`).run(issueNumber);
}

export function trustRefusal(ctx: StoreContext, issueNumber: number): TrustRefusal | undefined {
  const row = ctx.db.prepare(`SELECT * FROM trust_refusals WHERE issue_number = ?`).get(issueNumber);
  return row === undefined ? undefined : parseRow(refusalRow, row, "trust refusal");
}

export function trustRefusals(ctx: StoreContext): TrustRefusal[] {
  return ctx.db
    .prepare(`SELECT * FROM trust_refusals ORDER BY issue_number`)
    .all()
    .map((row) => parseRow(refusalRow, row, "trust refusal"));
}
