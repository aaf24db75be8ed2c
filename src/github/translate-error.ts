import { RequestError } from "@octokit/request-error";
import {
  AuthenticationError,
  GitHubUnavailableError,
  GitHubValidationError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  SodaError,
} from "../errors/index.js";

/**
 * Octokit's `RequestError` → our hierarchy. Only status, message and headers are read:
 * the request object carries the token and must never travel further.
 */
export function translateError(error: unknown, what: string): SodaError {
  if (error instanceof SodaError) return error;
  if (!(error instanceof RequestError)) {
    const message = error instanceof Error ? error.message : String(error);
    return new GitHubUnavailableError(`GitHub could not be reached while trying to ${what}: ${message}`, {
      hint: "check the network and the API URL (--api-url); the request was retried before giving up",
    });
  }

  const status = error.status;
  const headers = error.response?.headers ?? {};
  const message = githubMessage(error);
  const cause = { status, message };

  if (status === 401) {
    return new AuthenticationError(`GitHub rejected the token (401 ${message}) while trying to ${what}`, {
      status,
      cause,
      hint: "set a valid token in MY_LITTLE_SODA_GITHUB_TOKEN, GITHUB_TOKEN or GH_TOKEN, or run `gh auth login`",
    });
  }
  if ((status === 403 || status === 429) && (/secondary rate limit/i.test(message) || headers["retry-after"])) {
    return new RateLimitError(`GitHub's secondary rate limit stopped us while trying to ${what}`, {
      status,
      cause,
      hint: `wait ${headers["retry-after"] ?? "a minute"} seconds and run the command again`,
    });
  }
  if ((status === 403 || status === 429) && headers["x-ratelimit-remaining"] === "0") {
    const resetAt = new Date(Number(headers["x-ratelimit-reset"] ?? 0) * 1000);
    return new RateLimitError(`GitHub's rate limit is exhausted (while trying to ${what})`, {
      status,
      cause,
      resetAt,
      hint: `it resets at ${resetAt.toISOString()}; \`my-little-soda status\` shows what is left`,
    });
  }
  if (status === 403) {
    return new PermissionError(`GitHub refused to ${what} (403 ${message})`, {
      status,
      cause,
      hint: "the token needs write access to this repository (classic: `repo` scope; fine-grained: Issues, Pull requests and Contents read & write)",
    });
  }
  if (status === 404) {
    return new NotFoundError(`GitHub found nothing while trying to ${what} (404)`, {
      status,
      cause,
      hint: "check the number or name given; for a private repository the token must be allowed to read it",
    });
  }
  if (status === 422) {
    return new GitHubValidationError(`GitHub rejected the request to ${what} (422 ${message})`, { status, cause });
  }
  return new GitHubUnavailableError(`GitHub failed while trying to ${what} (${status || "network"} ${message})`, {
    status,
    cause,
    hint: "GitHub or the network is having trouble; the request was retried — try again shortly",
  });
}

/** The message GitHub put in the body, plus the first validation error's detail. */
export function githubMessage(error: RequestError): string {
  const data = error.response?.data as
    { message?: unknown; errors?: Array<{ message?: unknown; code?: unknown }> } | undefined;
  const base = typeof data?.message === "string" ? data.message : error.message;
  const detail = data?.errors?.[0];
  const extra =
    typeof detail?.message === "string" ? detail.message : typeof detail?.code === "string" ? detail.code : "";
  return extra ? `${base}: ${extra}` : base;
}
