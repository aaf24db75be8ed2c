import type { ErrorClass } from "../../domain/error-class.js";

/** Why an attempt at an issue failed; `max_attempts_per_issue` counts these (design §5). */
export interface AttemptFailure {
  /** agent-failure, agent-timeout, verify-failure, or a git class (push-rejected, merge-conflict, git). */
  errorClass: ErrorClass;
  reason: string;
  /** The last lines of the agent's or the verify command's output. */
  tail: string;
}

/** The last `lines` lines of some output. */
export function tailOf(output: string, lines = 30): string {
  return output.trimEnd().split("\n").slice(-lines).join("\n");
}
