import { formatAge } from "../../domain/format-age.js";

/** Shared by the reports' human output. */

/** An ISO time as the reports print it: `2024-05-01 14:30:05Z` (UTC, no milliseconds). */
export function formatTime(iso: string): string {
  return iso.replace("T", " ").replace(/\.\d+Z$/, "Z");
}

/** A duration for people: `850 ms`, `12.4 s`, `3 min`. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return formatAge(ms / 1_000);
}

/** A JSON object on one line, `key=value, …`, cut at `max` characters. */
export function formatFields(value: Record<string, unknown>, max = 80): string {
  const entries = Object.entries(value);
  if (entries.length === 0) return "—";
  const text = entries
    .map(([key, field]) => `${key}=${typeof field === "string" ? field : JSON.stringify(field)}`)
    .join(", ");
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** What a filter narrowed the report to, for its heading: ` since 2024-05-01 00:00:00Z for #3`. */
export function describeFilter(filter: { since?: Date; issueNumber?: number }): string {
  return `${filter.since ? ` since ${formatTime(filter.since.toISOString())}` : ""}${filter.issueNumber === undefined ? "" : ` for #${filter.issueNumber}`}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * What a work item does, after its issue: "" for a delivery (the issue speaks for itself),
 * ` (rework round 1 of PR #31)`, ` (landing PR #31)`.
 */
export function describeWorkKind(work: {
  kind: "deliver" | "rework" | "land" | null;
  pr: number | null;
  round?: number | null;
}): string {
  const pr = work.pr === null ? "its pull request" : `PR #${work.pr}`;
  switch (work.kind) {
    case "rework":
      return ` (rework${work.round ? ` round ${work.round}` : ""} of ${pr})`;
    case "land":
      return ` (landing ${pr})`;
    default:
      return "";
  }
}
