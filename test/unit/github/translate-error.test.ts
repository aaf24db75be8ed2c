import { RequestError } from "@octokit/request-error";
import { describe, expect, it } from "vitest";
import type { ErrorClass } from "../../../src/domain/error-class.js";
import {
  AuthenticationError,
  ClaimTakenError,
  GitHubUnavailableError,
  GitHubValidationError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  type SodaError,
} from "../../../src/errors/index.js";
import { translateError } from "../../../src/github/translate-error.js";

const TOKEN = "ghp_translateTestTokenAbcdefghijklmnopq";
const SECONDARY_BODY = {
  message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
  documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
};

/** An Octokit error as @octokit/request throws it: the request carries the token. */
function requestError(
  status: number,
  answer: { headers?: Record<string, string>; data?: unknown } | "no response" = {},
): RequestError {
  const request = {
    method: "POST" as const,
    url: "https://api.github.com/repos/acme/widgets/git/refs",
    headers: { authorization: `token ${TOKEN}` },
  };
  if (answer === "no response") return new RequestError("fetch failed", status, { request });
  return new RequestError("failed", status, {
    request,
    response: {
      status,
      url: request.url,
      headers: answer.headers ?? {},
      data: answer.data ?? { message: "failed" },
    },
  });
}

const limits = (remaining: number) => ({
  "x-ratelimit-limit": "5000",
  "x-ratelimit-remaining": String(remaining),
  "x-ratelimit-reset": "1700000000",
});

describe("translateError: Octokit's RequestError → our classes, each with its reason", () => {
  const cases: Array<[string, RequestError | Error, new (...args: never[]) => SodaError, ErrorClass, boolean]> = [
    ["401", requestError(401, { data: { message: "Bad credentials" } }), AuthenticationError, "auth", false],
    ["403, budget spent", requestError(403, { headers: limits(0) }), RateLimitError, "rate-limit", true],
    ["429, budget spent", requestError(429, { headers: limits(0) }), RateLimitError, "rate-limit", true],
    [
      "403, body names a secondary limit",
      requestError(403, { headers: limits(4000), data: SECONDARY_BODY }),
      RateLimitError,
      "secondary-rate-limit",
      true,
    ],
    [
      "403, retry-after with budget left",
      requestError(403, { headers: { ...limits(12), "retry-after": "30" } }),
      RateLimitError,
      "secondary-rate-limit",
      true,
    ],
    ["429 with no headers", requestError(429), RateLimitError, "secondary-rate-limit", true],
    [
      "403, budget left, no limit named",
      requestError(403, { headers: limits(4000), data: { message: "Resource not accessible by integration" } }),
      PermissionError,
      "permission",
      false,
    ],
    ["404", requestError(404), NotFoundError, "not-found", false],
    ["422", requestError(422), GitHubValidationError, "validation", false],
    ["409", requestError(409), GitHubValidationError, "validation", false],
    ["400", requestError(400), GitHubValidationError, "validation", false],
    ["500", requestError(500), GitHubUnavailableError, "server-error", true],
    ["502", requestError(502), GitHubUnavailableError, "server-error", true],
    ["503", requestError(503), GitHubUnavailableError, "server-error", true],
    ["no answer (Octokit's 500)", requestError(500, "no response"), GitHubUnavailableError, "network", true],
    ["a fetch TypeError", new TypeError("fetch failed"), GitHubUnavailableError, "network", true],
  ];

  it.each(cases)("%s → %s", (_name, error, type, reason, retryable) => {
    const translated = translateError(error, "create the claim ref");
    expect(translated).toBeInstanceOf(type);
    expect(translated.reason).toBe(reason);
    expect(translated.retryable).toBe(retryable);
    expect(translated.message).toContain("create the claim ref");
    expect(translated.hint).toBeTruthy();
  });

  it("tells the primary limit (with its reset time) from a secondary one", () => {
    const primary = translateError(requestError(403, { headers: limits(0) }), "x") as RateLimitError;
    expect(primary.kind).toBe("primary");
    expect(primary.resetAt).toEqual(new Date(1_700_000_000_000));
    const secondary = translateError(
      requestError(403, { headers: { ...limits(0), "retry-after": "7" }, data: SECONDARY_BODY }),
      "x",
    ) as RateLimitError;
    expect(secondary.kind).toBe("secondary");
    expect(secondary.resetAt).toBeUndefined();
    expect(secondary.hint).toBe("wait 7 seconds and run the command again");
  });

  it("keeps the status and GitHub's message, never the request (it carries the token)", () => {
    const translated = translateError(
      requestError(422, { data: { message: "Validation Failed", errors: [{ code: "already_exists" }] } }),
      "create the claim ref",
    );
    expect(translated.status).toBe(422);
    expect(translated.message).toBe(
      "GitHub rejected the request to create the claim ref (422 Validation Failed: already_exists)",
    );
    expect(translated.cause).toEqual({ status: 422, message: "Validation Failed: already_exists" });
    for (const [, error] of cases) {
      const out = translateError(error, "x");
      expect(JSON.stringify([out.message, out.hint, out.cause, out.details])).not.toContain(TOKEN);
    }
  });

  it("passes our own errors through unchanged", () => {
    const taken = new ClaimTakenError("#1 was claimed by another agent first");
    expect(translateError(taken, "x")).toBe(taken);
  });
});
