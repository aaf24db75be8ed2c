/**
 * The typed error hierarchy. Adapters translate library errors into these at the boundary;
 * the CLI's one top-level handler maps each class to an exit code (SPEC §7) and a hint.
 */

export const ExitCode = {
  ok: 0,
  internal: 1,
  usage: 2,
  auth: 3,
  unavailable: 4,
  git: 5,
  nothingToDo: 6,
  checkFailed: 7,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface SodaErrorOptions {
  hint?: string;
  cause?: unknown;
  /** HTTP status when the error came from GitHub. */
  status?: number;
  /** Supporting output (a failed command's last lines), printed before the error line. */
  details?: string;
}

export abstract class SodaError extends Error {
  abstract readonly exitCode: ExitCode;
  readonly hint: string | undefined;
  readonly status: number | undefined;
  readonly details: string | undefined;

  constructor(message: string, options: SodaErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.status = options.status;
    this.details = options.details;
  }
}

/** Bad flags or arguments, or misuse of a command. */
export class UsageError extends SodaError {
  readonly exitCode = ExitCode.usage;
}

/** The configuration file, environment or flags are invalid or incomplete. */
export class ConfigError extends SodaError {
  readonly exitCode = ExitCode.usage;
}

/** The repository named by the configuration does not exist or cannot be seen. */
export class RepositoryNotFoundError extends SodaError {
  readonly exitCode = ExitCode.usage;
}

/** No token, or GitHub rejected it (401). */
export class AuthenticationError extends SodaError {
  readonly exitCode = ExitCode.auth;
}

/** The token is valid but may not do this (403 without rate limiting, missing push access). */
export class PermissionError extends SodaError {
  readonly exitCode = ExitCode.auth;
}

/** GitHub could not be reached, or kept failing after the retries. */
export class GitHubUnavailableError extends SodaError {
  readonly exitCode = ExitCode.unavailable;
}

/** The primary or secondary rate limit is exhausted. */
export class RateLimitError extends SodaError {
  readonly exitCode = ExitCode.unavailable;
  readonly resetAt: Date | undefined;
  constructor(message: string, options: SodaErrorOptions & { resetAt?: Date } = {}) {
    super(message, options);
    this.resetAt = options.resetAt;
  }
}

/** Something named on GitHub is not there: an issue number given on the command line, say. */
export class NotFoundError extends SodaError {
  readonly exitCode = ExitCode.usage;
}

/** GitHub refused a write as invalid (422) in a way we did not anticipate. */
export class GitHubValidationError extends SodaError {
  readonly exitCode = ExitCode.internal;
}

/** GitHub answered with something our edge schema does not accept. */
export class UnexpectedResponseError extends SodaError {
  readonly exitCode = ExitCode.internal;
}

/** The claim ref already exists: the compare-and-set lost (to another agent, or to an earlier run). */
export class ClaimTakenError extends SodaError {
  readonly exitCode = ExitCode.nothingToDo;
  /** The lease commit the existing ref points at, when known. */
  readonly currentSha: string | undefined;
  constructor(message: string, options: SodaErrorOptions & { currentSha?: string } = {}) {
    super(message, options);
    this.currentSha = options.currentSha;
  }
}

/** The claim is no longer ours: released, or taken over after its lease expired (the fence). */
export class ClaimLostError extends SodaError {
  readonly exitCode = ExitCode.usage;
}

/** A check found problems: `status --check`, or `bottle`'s verify command failed. */
export class VerifyFailedError extends SodaError {
  readonly exitCode = ExitCode.checkFailed;
}

/** A git operation failed: not a repository, dirty tree, push rejected, … */
export class GitError extends SodaError {
  readonly exitCode = ExitCode.git;
}

/**
 * The local state database could not be opened, read or written: not a database, corrupt,
 * written by a newer version, or locked for too long. Never repaired by discarding it.
 */
export class StoreError extends SodaError {
  readonly exitCode = ExitCode.internal;
}

/** Not an error for the user: there is simply nothing to do (SPEC §4 "Empty results"). */
export class NothingToDoError extends SodaError {
  readonly exitCode = ExitCode.nothingToDo;
}

/** `status --check` found problems. */
export class CheckFailedError extends SodaError {
  readonly exitCode = ExitCode.checkFailed;
}

export function isSodaError(error: unknown): error is SodaError {
  return error instanceof SodaError;
}

/** GitHub refused to merge a pull request: a required check or review missing, a conflict, or the head moved. */
export class NotMergeableError extends SodaError {
  readonly exitCode = ExitCode.usage;
}
