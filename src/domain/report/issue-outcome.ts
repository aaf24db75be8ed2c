import type { AgentSpend } from "../agent-spend.js";
/**
 * What became of an issue the loop worked on (design §4 "report"), judged from its work items in
 * the ledger and its pull request as GitHub has it now: GitHub wins for the pull request (a
 * person may have merged or closed it since), the ledger for everything before one exists.
 */
export const ISSUE_OUTCOMES = [
  "merged",
  "in-review",
  "escalated",
  "in-progress",
  "pr-closed",
  "abandoned",
  "failed",
] as const;
export type IssueOutcome = (typeof ISSUE_OUTCOMES)[number];

export interface OutcomeFacts {
  /** The issue's work items, any order; only kind, state and id matter. */
  items: ReadonlyArray<{ id: number; kind: string; state: string }>;
  /** Its pull request now, as GitHub lists it; undefined when there is none or it was not listed. */
  pull?: { state: "open" | "closed"; merged: boolean };
}

// The store's terminal states (store-port.ts TERMINAL_STATES); domain/ may not import the port.
const TERMINAL: ReadonlySet<string> = new Set(["done", "failed", "escalated", "abandoned"]);

export function issueOutcome(facts: OutcomeFacts): IssueOutcome {
  const latest = [...facts.items].sort((a, b) => a.id - b.id).at(-1);
  if (facts.pull?.merged) return "merged";
  if (facts.pull?.state === "closed") return "pr-closed";
  if (latest?.state === "escalated") return "escalated";
  if (latest && !TERMINAL.has(latest.state)) return "in-progress";
  if (facts.pull?.state === "open") return "in-review";
  if (facts.items.some((item) => item.kind === "deliver" && item.state === "done")) return "in-review";
  if (latest?.state === "abandoned") return "abandoned";
  return "failed";
}

/** Why an attempt ended as it did, read from the detail of its last checkpoint. */
export interface AttemptEnd {
  /** The error class (design §5) of a failed or escalated attempt, when one was recorded. */
  errorClass?: string;
  reason?: string;
}

/**
 * The error class and reason a work item's final checkpoint records: `failed` keeps them under
 * `failure`, an escalation at the top level (a pull request handed to people: a reason only),
 * an abandoned item a `reason` or the critical `drift`.
 */
export function attemptEndOf(detail: Record<string, unknown> | undefined): AttemptEnd {
  if (!detail) return {};
  const failure = isRecord(detail.failure) ? detail.failure : detail;
  const errorClass = typeof failure.errorClass === "string" ? failure.errorClass : undefined;
  const reason =
    typeof failure.reason === "string"
      ? failure.reason
      : typeof detail.drift === "string"
        ? `critical drift: ${detail.drift}`
        : undefined;
  return { ...(errorClass ? { errorClass } : {}), ...(reason ? { reason } : {}) };
}

/** A failed attempt: failed, or escalated because it failed (its end names an error class) — not an escalation for spent rework rounds. */
export function isFailedAttempt(state: string, end: AttemptEnd): boolean {
  return state === "failed" || (state === "escalated" && end.errorClass !== undefined);
}

/** What the agents reported spending on these work items, to a hundredth of a cent; null when none reported a cost. */
export function totalCostUsd(items: ReadonlyArray<{ spend?: AgentSpend }>): number | null {
  const costs = items.flatMap((item) => (item.spend?.costUsd != null ? [item.spend.costUsd] : []));
  return costs.length === 0 ? null : Math.round(costs.reduce((sum, cost) => sum + cost, 0) * 10_000) / 10_000;
}

/** The first non-empty line of a text, spaces collapsed, cut at `max` characters with an ellipsis. */
export function oneLine(text: string, max = 120): string {
  const line =
    text
      .split("\n")
      .map((part) => part.replace(/\s+/g, " ").trim())
      .find((part) => part !== "") ?? "";
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
