import { describe, expect, it } from "vitest";
import { recordHttpRecoveries } from "../../../src/autonomous/recovery/record-http-recoveries.js";
import type { RecoveryEventInput } from "../../../src/core/store-port.js";
import { classifyError, classifyHttpAttempt } from "../../../src/domain/error-class.js";
import { AuthenticationError, GitError, GitHubUnavailableError, RateLimitError } from "../../../src/errors/index.js";

describe("classifyError", () => {
  it("names SPEC §5's classes from our error types", () => {
    expect(classifyError(new GitHubUnavailableError("x", { status: 502 }))).toBe("server-error");
    expect(classifyError(new GitHubUnavailableError("could not be reached"))).toBe("network");
    expect(classifyError(new RateLimitError("GitHub's secondary rate limit stopped us"))).toBe("secondary-rate-limit");
    expect(classifyError(new RateLimitError("exhausted", { resetAt: new Date() }))).toBe("rate-limit");
    expect(classifyError(new AuthenticationError("401"))).toBe("auth");
    expect(classifyError(new GitError("the push of x was rejected"))).toBe("push-rejected");
    expect(classifyError(new Error("boom"))).toBe("internal");
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
