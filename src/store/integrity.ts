import type Database from "better-sqlite3";

/**
 * SQLite's own checks: `quick_check` (pages and b-trees, linear time) or `integrity_check` (also
 * that indexes match their tables), then `foreign_key_check`. Returns what they found; empty
 * when all is well.
 */
export function findIntegrityProblems(db: Database.Database, kind: "quick" | "full"): string[] {
  const pragma = kind === "full" ? "integrity_check" : "quick_check";
  const messages = (db.pragma(pragma) as unknown[]).map(firstColumn).filter((message) => message !== "ok");
  for (const violation of db.pragma("foreign_key_check") as unknown[]) {
    const { table, rowid, parent } = violation as { table?: unknown; rowid?: unknown; parent?: unknown };
    messages.push(`${String(table)} row ${String(rowid)} refers to a missing ${String(parent)} row`);
  }
  return messages;
}

function firstColumn(row: unknown): string {
  if (row !== null && typeof row === "object") return String(Object.values(row)[0]);
  return String(row);
}
