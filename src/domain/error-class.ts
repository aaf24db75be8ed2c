/**
 * design §5's error classes: every `SodaError` carries one as its `reason`, set where the error is
 * made (the adapters translating library errors, the steps judging an attempt). Recovery decides
 * on it and `recovery-report` counts it, so these names are stored: never rename one.
 */
export type ErrorClass =
  | "network"
  | "rate-limit"
  | "secondary-rate-limit"
  | "server-error"
  | "auth"
  | "permission"
  | "not-found"
  | "validation"
  | "push-rejected"
  | "merge-conflict"
  | "git"
  | "agent-failure"
  | "agent-timeout"
  | "spend-limit"
  | "verify-failure"
  | "usage"
  | "config"
  | "claim-taken"
  | "claim-lost"
  | "not-mergeable"
  | "nothing-to-do"
  | "store"
  | "internal";

/** GitHub or the network down, or a rate limit: waiting and trying again can succeed. */
const RETRYABLE: ReadonlySet<ErrorClass> = new Set(["network", "server-error", "rate-limit", "secondary-rate-limit"]);

export function isRetryable(reason: ErrorClass): boolean {
  return RETRYABLE.has(reason);
}

/** One HTTP try as the transport saw it, before any retry logic. */
export interface HttpAttempt {
  method: string;
  path: string;
  /** 0 when no answer came (connection refused, dropped, timed out). */
  status: number;
  retryAfter?: string;
  rateLimitRemaining?: string;
}

/**
 * The class of a failed try, or undefined for a try that is not a transient failure. Read from
 * the status and headers alone: the retry plugins absorb these tries before any error exists.
 */
export function classifyHttpAttempt(attempt: HttpAttempt): ErrorClass | undefined {
  if (attempt.status === 0) return "network";
  if (attempt.status >= 500) return "server-error";
  if (attempt.status === 403 || attempt.status === 429) {
    if (attempt.rateLimitRemaining === "0") return "rate-limit";
    if (attempt.retryAfter !== undefined) return "secondary-rate-limit";
  }
  return undefined;
}
