import { z } from "zod";
import type { CachedResponse } from "../core/store-port.js";
import { redactValue } from "../domain/redact-secrets.js";
import { isoDate, jsonText, optional, parseRow, toIso } from "./rows.js";
import { immediate, type StoreContext } from "./store-context.js";

const cacheRow = z
  .object({
    etag: optional(z.string()),
    last_modified: optional(z.string()),
    status: z.number().int(),
    body: z.string(),
    headers: jsonText(z.record(z.string(), z.string())),
    stored_at: isoDate,
  })
  .transform((row): CachedResponse => ({
    etag: row.etag,
    lastModified: row.last_modified,
    status: row.status,
    body: row.body,
    headers: row.headers,
    storedAt: row.stored_at,
  }));

export function getCachedResponse(ctx: StoreContext, key: string): CachedResponse | undefined {
  const row = ctx.db.prepare(`SELECT * FROM http_cache WHERE key = ?`).get(key);
  return row === undefined ? undefined : parseRow(cacheRow, row, "HTTP cache entry");
}

/**
 * Replace the entry (a new rowid, so it counts as newest), then evict the oldest beyond the bound.
 * Headers are redacted in case a caller passes request headers; the body is stored as given.
 */
export function putCachedResponse(ctx: StoreContext, key: string, entry: Omit<CachedResponse, "storedAt">): void {
  immediate(ctx, () => {
    ctx.db
      .prepare(
        `INSERT OR REPLACE INTO http_cache (key, etag, last_modified, status, body, headers, stored_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        key,
        entry.etag ?? null,
        entry.lastModified ?? null,
        entry.status,
        entry.body,
        JSON.stringify(redactValue(entry.headers, ctx.secrets)),
        toIso(ctx.now()),
      );
    ctx.db
      .prepare(
        `DELETE FROM http_cache WHERE rowid IN (
           SELECT rowid FROM http_cache ORDER BY stored_at, rowid
           LIMIT MAX(0, (SELECT COUNT(*) FROM http_cache) - ?))`,
      )
      .run(ctx.httpCacheMaxEntries);
  });
}
