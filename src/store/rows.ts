import { z } from "zod";
import { StoreError } from "../errors/index.js";

/**
 * Reading rows back: every row goes through a zod schema, so a hand-edited or otherwise
 * surprising row is a clear `StoreError` naming the table and the field, not `undefined` later.
 */

export const isoDate = z.iso.datetime({ offset: true }).transform((text) => new Date(text));

/** A JSON column holding a value that must match `schema`. */
export function jsonText<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((text, ctx): unknown => {
      try {
        return JSON.parse(text);
      } catch {
        ctx.addIssue({ code: "custom", message: "not valid JSON" });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

export const jsonObject = z.record(z.string(), z.unknown());

/** A nullable column, read as an optional field. */
export function optional<T extends z.ZodType>(schema: T) {
  return schema.nullable().transform((value) => value ?? undefined);
}

export function parseRow<T extends z.ZodType>(schema: T, row: unknown, what: string): z.output<T> {
  const result = schema.safeParse(row);
  if (result.success) return result.data;
  throw new StoreError(`the store holds an unreadable ${what}: ${z.prettifyError(result.error)}`, {
    hint: "the row was changed outside my-little-soda; fix or delete it (reset --state-only clears local state)",
    cause: result.error,
  });
}

export function toIso(date: Date): string {
  return date.toISOString();
}

/** For writing an optional JSON value. */
export function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
