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
 * Octokit's `RequestError` → our hierarchy, each with its reason (design §5's class) decided here,
 * where the status, headers and GitHub's body are at hand. Only those are read: the request
 * object carries the token and must never travel further.
 */
export function translateError(error: unknown, what: string): SodaError {
  if (error instanceof SodaError) return error;
  // No response at all: Octokit reports a failed fetch as a RequestError without one (status 500).
  if (!(error instanceof RequestError) || error.response === undefined) {
    const message = error instanceof Error ? error.message : String(error);
    return new GitHubUnavailableError(`GitHub could not be reached while trying to ${what}: ${message}`, {
      reason: "network",
      cause: error instanceof RequestError ? { status: 0, message } : error,
      hint: "check the network and the API URL (--api-url); the request was retried before giving up",
    });
  }

  const status = error.status;
  const headers = error.response.headers;
  const message = githubMessage(error);
  const cause = { status, message };

  if (status === 401) {
    return new AuthenticationError(`GitHub rejected the token (401 ${message}) while trying to ${what}`, {
      status,
      cause,
      hint: "set a valid token in MY_LITTLE_SODA_GITHUB_TOKEN, GITHUB_TOKEN or GH_TOKEN, or run `gh auth login`",
    });
  }
  const rateLimit = rateLimitKind(status, headers, message);
  if (rateLimit === "secondary") {
    return new RateLimitError(`GitHub's secondary rate limit stopped us while trying to ${what}`, {
      kind: "secondary",
      status,
      cause,
      hint: `wait ${headers["retry-after"] ?? "60"} seconds and run the command again`,
    });
  }
  if (rateLimit === "primary") {
    const resetAt = new Date(Number(headers["x-ratelimit-reset"] ?? 0) * 1000);
    return new RateLimitError(`GitHub's rate limit is exhausted (while trying to ${what})`, {
      kind: "primary",
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
  if (status >= 500) {
    return new GitHubUnavailableError(`GitHub failed while trying to ${what} (${status} ${message})`, {
      reason: "server-error",
      status,
      cause,
      hint: "GitHub or the network is having trouble; the request was retried — try again shortly",
    });
  }
  // 422, and any other refusal (400, 409, 410…): the request itself was wrong, so it is not retried.
  return new GitHubValidationError(`GitHub rejected the request to ${what} (${status} ${message})`, {
    status,
    cause,
    hint: "this is likely a bug in my-little-soda; re-run with --debug and report the output",
  });
}

/** GitHub's own marker of a secondary limit, the one @octokit/plugin-throttling also reads. */
const SECONDARY_LIMIT = /secondary rate limit/i;

/**
 * Which rate limit a 403 or 429 is, if any (GitHub's docs, "Rate limits for the REST API"): the
 * body names a secondary limit; `x-ratelimit-remaining: 0` is the primary budget spent; a
 * `retry-after` without it, or a bare 429, is a secondary limit. Any other 403 is a permission.
 */
function rateLimitKind(
  status: number,
  headers: Record<string, string | number | undefined>,
  message: string,
): "primary" | "secondary" | undefined {
  if (status !== 403 && status !== 429) return undefined;
  if (SECONDARY_LIMIT.test(message)) return "secondary";
  if (String(headers["x-ratelimit-remaining"]) === "0") return "primary";
  if (headers["retry-after"] !== undefined || status === 429) return "secondary";
  return undefined;
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

/** Run one GitHub call and turn what it throws into our errors, naming what it was doing. */
export async function withTranslatedErrors<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw translateError(error, what);
  }
}
