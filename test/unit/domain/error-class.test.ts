import { describe, expect, it } from "vitest";
import { recordHttpRecoveries } from "../../../src/autonomous/recovery/record-http-recoveries.js";
import type { RecoveryEventInput } from "../../../src/core/store-port.js";
import { classifyHttpAttempt, isRetryable, type ErrorClass } from "../../../src/domain/error-class.js";
import {
  AuthenticationError,
  ClaimLostError,
  ClaimTakenError,
  ConfigError,
  ExitCode,
  GitError,
  GitHubUnavailableError,
  GitHubValidationError,
  MergeConflictError,
  NothingToDoError,
  NotFoundError,
  PermissionError,
  PushRejectedError,
  RateLimitError,
  RepositoryNotFoundError,
  StoreError,
  UnexpectedResponseError,
  UsageError,
  VerifyFailedError,
  type SodaError,
} from "../../../src/errors/index.js";

describe("every error carries its reason (design §5's class) and whether a retry can help", () => {
  const network = new GitHubUnavailableError("x", { reason: "network" });
  const cases: Array<[SodaError, ErrorClass, boolean, ExitCode]> = [
    [network, "network", true, ExitCode.unavailable],
    [new GitHubUnavailableError("x", { reason: "server-error", status: 502 }), "server-error", true, 4],
    [new RateLimitError("x", { kind: "primary", resetAt: new Date() }), "rate-limit", true, 4],
    [new RateLimitError("x", { kind: "secondary" }), "secondary-rate-limit", true, 4],
    [new AuthenticationError("x"), "auth", false, 3],
    [new PermissionError("x"), "permission", false, 3],
    [new NotFoundError("x"), "not-found", false, 2],
    [new RepositoryNotFoundError("x"), "not-found", false, 2],
    [new GitHubValidationError("x"), "validation", false, 1],
    [new UnexpectedResponseError("x"), "internal", false, 1],
    [new UsageError("x"), "usage", false, 2],
    [new ConfigError("x"), "config", false, 2],
    [new ClaimTakenError("x"), "claim-taken", false, 6],
    [new ClaimLostError("x"), "claim-lost", false, 2],
    [new NothingToDoError("x"), "nothing-to-do", false, 6],
    [new VerifyFailedError("x"), "verify-failure", false, 7],
    [new GitError("x"), "git", false, 5],
    [new PushRejectedError("x", { remoteBranch: "b" }), "push-rejected", false, 5],
    [new MergeConflictError("x", { files: ["a.txt"] }), "merge-conflict", false, 5],
    [new StoreError("x"), "store", false, 1],
  ];

  it.each(cases)("%s → %s, retryable %s, exit %s", (error, reason, retryable, exitCode) => {
    expect(error.reason).toBe(reason);
    expect(error.retryable).toBe(retryable);
    expect(error.exitCode).toBe(exitCode);
  });

  it("retries exactly GitHub or the network down and the rate limits", () => {
    const retryable = cases.filter(([error]) => error.retryable).map(([, reason]) => reason);
    expect(retryable).toEqual(["network", "server-error", "rate-limit", "secondary-rate-limit"]);
    expect(isRetryable("agent-timeout")).toBe(false);
  });

  it("is said where the error is made, never read from its message", () => {
    expect(new GitError("the push of x was rejected: conflict").reason).toBe("git");
    expect(new RateLimitError("GitHub's secondary rate limit stopped us", { kind: "primary" }).reason).toBe(
      "rate-limit",
    );
    expect(new GitHubUnavailableError("GitHub failed (502)", { reason: "network", status: 502 }).reason).toBe(
      "network",
    );
    // Push rejections and conflicts are git problems too (exit 5, caught as GitError by the loop).
    expect(new PushRejectedError("x", { remoteBranch: "b" })).toBeInstanceOf(GitError);
    expect(new MergeConflictError("x", { files: [] })).toBeInstanceOf(GitError);
  });
});

describe("classifyHttpAttempt", () => {
  it("tells transient failures from answers", () => {
    expect(classifyHttpAttempt({ method: "GET", path: "/", status: 0 })).toBe("network");
    expect(classifyHttpAttempt({ method: "GET", path: "/", status: 503 })).toBe("server-error");
    expect(classifyHttpAttempt({ method: "GET", path: "/", status: 403, rateLimitRemaining: "0" })).toBe("rate-limit");
    expect(
      classifyHttpAttempt({ method: "GET", path: "/", status: 403, retryAfter: "1", rateLimitRemaining: "12" }),
    ).toBe("secondary-rate-limit");
    expect(classifyHttpAttempt({ method: "GET", path: "/", status: 403, rateLimitRemaining: "12" })).toBeUndefined();
    expect(classifyHttpAttempt({ method: "GET", path: "/", status: 304 })).toBeUndefined();
  });
});

describe("recordHttpRecoveries", () => {
  it("records one recovery per request that failed then succeeded, counting every try", () => {
    const recorded: RecoveryEventInput[] = [];
    let clock = 1_000;
    const observe = recordHttpRecoveries(
      { recordRecovery: (event) => (recorded.push(event), { ...event, id: 1, at: new Date() }) },
      () => clock,
    );
    observe({ method: "GET", path: "/repos/a/b/issues/7", status: 502 });
    clock += 300;
    observe({ method: "POST", path: "/repos/a/b/pulls", status: 200 });
    observe({ method: "GET", path: "/repos/a/b/issues/7", status: 0 });
    clock += 200;
    observe({ method: "GET", path: "/repos/a/b/issues/7", status: 200 });
    observe({ method: "GET", path: "/repos/a/b/issues/7", status: 200 });

    expect(recorded).toEqual([
      expect.objectContaining({
        issueNumber: 7,
        errorClass: "server-error",
        strategy: "http-retry",
        tries: 3,
        outcome: "recovered",
        durationMs: 500,
      }),
    ]);
  });
});
