import {
  AuthenticationError,
  GitError,
  GitHubUnavailableError,
  GitHubValidationError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  RepositoryNotFoundError,
} from "../errors/index.js";

/** SPEC §5's error classes: what recovery decides on and what `recovery-report` counts. */
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
  | "verify-failure"
  | "internal";

/** The class of an error the loop caught. */
export function classifyError(error: unknown): ErrorClass {
  if (error instanceof RateLimitError) return /secondary/i.test(error.message) ? "secondary-rate-limit" : "rate-limit";
  if (error instanceof GitHubUnavailableError)
    return error.status !== undefined && error.status >= 500 ? "server-error" : "network";
  if (error instanceof AuthenticationError) return "auth";
  if (error instanceof PermissionError) return "permission";
  if (error instanceof NotFoundError || error instanceof RepositoryNotFoundError) return "not-found";
  if (error instanceof GitHubValidationError) return "validation";
  if (error instanceof GitError)
    return /rejected/i.test(error.message)
      ? "push-rejected"
      : /conflict/i.test(error.message)
        ? "merge-conflict"
        : "git";
  return "internal";
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

/** The class of a failed try, or undefined for a try that is not a transient failure. */
export function classifyHttpAttempt(attempt: HttpAttempt): ErrorClass | undefined {
  if (attempt.status === 0) return "network";
  if (attempt.status >= 500) return "server-error";
  if (attempt.status === 403 || attempt.status === 429) {
    if (attempt.rateLimitRemaining === "0") return "rate-limit";
    if (attempt.retryAfter !== undefined) return "secondary-rate-limit";
  }
  return undefined;
}
