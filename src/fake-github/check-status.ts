import type { CheckConclusion, CheckStatus } from "./types-checks.js";

// How GitHub rolls check runs up into a check suite (and a workflow run), and jobs into their
// run: the worst conclusion wins once everything is complete.

export interface Lifecycle {
  status: CheckStatus;
  conclusion: CheckConclusion | null;
}

const WORST_FIRST: CheckConclusion[] = ["action_required", "cancelled", "timed_out", "failure", "stale"];

/** What a completed run's conclusion counts as for a required check or a combined state. */
export function passes(conclusion: CheckConclusion | null): boolean {
  return conclusion === "success" || conclusion === "neutral" || conclusion === "skipped";
}

export function combineLifecycles(parts: Lifecycle[]): Lifecycle {
  const first = parts[0];
  if (!first) return { status: "queued", conclusion: null };
  if (parts.some((part) => part.status !== "completed")) {
    if (parts.every((part) => part.status === first.status)) return { status: first.status, conclusion: null };
    const waiting = parts.some((part) => part.status === "waiting");
    return { status: waiting ? "waiting" : "in_progress", conclusion: null };
  }
  const conclusions = parts.map((part) => part.conclusion);
  const worst = WORST_FIRST.find((conclusion) => conclusions.includes(conclusion));
  if (worst) return { status: "completed", conclusion: worst };
  if (conclusions.every((c) => c === "skipped")) return { status: "completed", conclusion: "skipped" };
  if (conclusions.every((c) => c === "skipped" || c === "neutral"))
    return { status: "completed", conclusion: "neutral" };
  return { status: "completed", conclusion: "success" };
}

/** A new status implies the timestamps GitHub would have set on the way there. */
export function advanceTimestamps(
  record: { status: CheckStatus; startedAt: number | null; completedAt: number | null },
  status: CheckStatus,
  now: number,
): void {
  record.status = status;
  const started = status === "in_progress" || status === "completed";
  if (started && record.startedAt === null) record.startedAt = now;
  record.completedAt = status === "completed" ? (record.completedAt ?? now) : null;
}
