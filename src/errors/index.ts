import { isRetryable, type ErrorClass } from "../domain/error-class.js";

/**
 * The typed error hierarchy. Adapters translate library errors into these at the boundary
 * (src/github/translate-error.ts, src/git/simple-git-workspace.ts), so each error says what went
 * wrong (`reason`, design §5's class) and whether trying again can help (`retryable`) where it is
 * made; nothing downstream reads messages to find out. The CLI's one top-level handler maps each
 * class to an exit code (design §7) and a hint.
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
  /** What went wrong, in design §5's words: recovery decides on it, recovery records keep it. */
  abstract readonly reason: ErrorClass;
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

  /** Whether waiting and trying again can succeed: GitHub or the network down, a rate limit. */
  get retryable(): boolean {
    return isRetryable(this.reason);
  }
}

/** Bad flags or arguments, or misuse of a command. */
export class UsageError extends SodaError {
  readonly exitCode = ExitCode.usage;
  readonly reason = "usage";
}

/** The configuration file, environment or flags are invalid or incomplete. */
export class ConfigError extends SodaError {
  readonly exitCode = ExitCode.usage;
  readonly reason = "config";
}

/** The repository named by the configuration does not exist or cannot be seen. */
export class RepositoryNotFoundError extends SodaError {
  readonly exitCode = ExitCode.usage;
  readonly reason = "not-found";
}

/** No token, or GitHub rejected it (401). */
export class AuthenticationError extends SodaError {
  readonly exitCode = ExitCode.auth;
  readonly reason = "auth";
}

/** The token is valid but may not do this (403 without rate limiting, missing push access). */
export class PermissionError extends SodaError {
  readonly exitCode = ExitCode.auth;
  readonly reason = "permission";
}

/**
 * GitHub could not be reached (`network`: no answer at all) or kept failing after the retries
 * (`server-error`: a 5xx, or an answer that contradicts the write just made).
 */
export class GitHubUnavailableError extends SodaError {
  readonly exitCode = ExitCode.unavailable;
  readonly reason: "network" | "server-error";
  constructor(message: string, options: SodaErrorOptions & { reason: "network" | "server-error" }) {
    super(message, options);
    this.reason = options.reason;
  }
}

/** A rate limit stopped us: the primary (hourly budget, with a reset time) or a secondary one. */
export class RateLimitError extends SodaError {
  readonly exitCode = ExitCode.unavailable;
  readonly reason: "rate-limit" | "secondary-rate-limit";
  readonly kind: "primary" | "secondary";
  readonly resetAt: Date | undefined;
  constructor(message: string, options: SodaErrorOptions & { kind: "primary" | "secondary"; resetAt?: Date }) {
    super(message, options);
    this.kind = options.kind;
    this.reason = options.kind === "secondary" ? "secondary-rate-limit" : "rate-limit";
    this.resetAt = options.resetAt;
  }
}

/** Something named on GitHub is not there: an issue number given on the command line, say. */
export class NotFoundError extends SodaError {
  readonly exitCode = ExitCode.usage;
  readonly reason = "not-found";
}

/** GitHub refused a request as invalid (422, 400, 409…) in a way we did not anticipate: a bug of ours. */
export class GitHubValidationError extends SodaError {
  readonly exitCode = ExitCode.internal;
  readonly reason = "validation";
}

/** GitHub answered with something our edge schema does not accept. */
export class UnexpectedResponseError extends SodaError {
  readonly exitCode = ExitCode.internal;
  readonly reason = "internal";
}

/** The claim ref already exists: the compare-and-set lost (to another agent, or to an earlier run). */
export class ClaimTakenError extends SodaError {
  readonly exitCode = ExitCode.nothingToDo;
  readonly reason = "claim-taken";
  /** The lease commit the existing ref points at, when known. */
  readonly currentSha: string | undefined;
  constructor(message: string, options: SodaErrorOptions & { currentSha?: string } = {}) {
    super(message, options);
    this.currentSha = options.currentSha;
  }
}

/**
 * Every candidate a pop tried, over all its reads of the queue, was locked by another agent first,
 * and eligible issues remain: contention, not an empty queue. SPEC §7 has no code of its own for it;
 * exit 4 is its "try again later" (design §7), and exit 6 keeps meaning the queue is empty.
 */
export class LostEveryRaceError extends SodaError {
  readonly exitCode = ExitCode.unavailable;
  readonly reason = "claim-taken";
  /** The issues tried, each locked by another agent first. */
  readonly lostTo: number[];
  constructor(message: string, options: SodaErrorOptions & { lostTo: number[] }) {
    super(message, options);
    this.lostTo = options.lostTo;
  }

  /** Other agents are claiming right now: the next pop sees a queue without their issues. */
  override get retryable(): boolean {
    return true;
  }
}

/** The claim is no longer ours: released, or taken over after its lease expired (the fence). */
export class ClaimLostError extends SodaError {
  readonly exitCode = ExitCode.usage;
  readonly reason = "claim-lost";
}

/** `bottle`'s verify command failed; `details` holds its last lines. Exit 7, as `status --check`'s problems. */
export class VerifyFailedError extends SodaError {
  readonly exitCode = ExitCode.checkFailed;
  readonly reason = "verify-failure";
}

/** A git operation failed: not a repository, a dirty tree, a command git refused… */
export class GitError extends SodaError {
  readonly exitCode = ExitCode.git;
  readonly reason: ErrorClass = "git";
}

/** The remote refused a push (non-fast-forward, fetch first, a protected branch); nothing was changed there. */
export class PushRejectedError extends GitError {
  override readonly reason = "push-rejected";
  /** The branch as named on the remote. */
  readonly remoteBranch: string;
  constructor(message: string, options: SodaErrorOptions & { remoteBranch: string }) {
    super(message, options);
    this.remoteBranch = options.remoteBranch;
  }
}

/** A rebase hit conflicting changes; it was aborted, so the branch is as it was. */
export class MergeConflictError extends GitError {
  override readonly reason = "merge-conflict";
  /** The paths git could not merge. */
  readonly files: string[];
  constructor(message: string, options: SodaErrorOptions & { files: string[] }) {
    super(message, options);
    this.files = options.files;
  }
}

/**
 * The local state database could not be opened, read or written: not a database, corrupt,
 * written by a newer version, or locked for too long. Never repaired by discarding it.
 */
export class StoreError extends SodaError {
  readonly exitCode = ExitCode.internal;
  readonly reason = "store";
}

/** Not an error for the user: there is simply nothing to do (design §4 "Empty results"). */
export class NothingToDoError extends SodaError {
  readonly exitCode = ExitCode.nothingToDo;
  readonly reason = "nothing-to-do";
}

export function isSodaError(error: unknown): error is SodaError {
  return error instanceof SodaError;
}

/** GitHub refused to merge a pull request: a required check or review missing, a conflict, or the head moved. */
export class NotMergeableError extends SodaError {
  readonly exitCode = ExitCode.usage;
  readonly reason = "not-mergeable";
}
