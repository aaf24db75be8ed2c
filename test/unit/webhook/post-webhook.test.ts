import { describe, expect, it } from "vitest";
import { DEFAULT_POST_POLICY, parseRetryAfter, postWebhook } from "../../../src/webhook/post-webhook.js";
import { FakeTime } from "../../support/fake-time.js";

const URL_WITH_KEY = "https://hooks.example.com/services/T000/B000/s3cretKEYs3cretKEY";
const POLICY = { ...DEFAULT_POST_POLICY, timeoutMs: 5_000, maxTries: 4, retryBaseMs: 1_000 };

type Answer = { status: number; headers?: Record<string, string>; body?: string } | "network" | "hang";

/** fetch answering from a script, one answer per try; records what was sent. */
function scriptedFetch(answers: Answer[]) {
  const calls: Array<{ url: string; method: string; body: string; contentType: string | null }> = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({
      url: String(input),
      method: init?.method ?? "GET",
      body: String(init?.body),
      contentType: new Headers(init?.headers).get("content-type"),
    });
    const answer = answers[calls.length - 1] ?? answers.at(-1);
    if (answer === "network")
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }) });
    if (answer === "hang" || answer === undefined)
      return new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
      );
    return new Response(answer.body ?? null, { status: answer.status, headers: answer.headers });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

async function post(answers: Answer[], stop = new AbortController().signal) {
  const time = new FakeTime();
  const { fetch, calls } = scriptedFetch(answers);
  const outcome = await time.settle(
    postWebhook(URL_WITH_KEY, '{"text":"hi"}', { fetch, sleep: time.sleep, now: time.now }, POLICY, stop),
  );
  return { outcome, calls, time };
}

describe("postWebhook", () => {
  it("POSTs the JSON once when the first answer is a 2xx", async () => {
    const { outcome, calls, time } = await post([{ status: 200, body: "ok" }]);
    expect(outcome).toEqual({ delivered: true, tries: 1, status: 200 });
    expect(calls).toEqual([
      { url: URL_WITH_KEY, method: "POST", body: '{"text":"hi"}', contentType: "application/json; charset=utf-8" },
    ]);
    expect(time.fired).toEqual([]); // no backoff, the timeout never fired
  });

  it("backs off exponentially on 5xx and gives up after maxTries, saying why", async () => {
    const { outcome, calls, time } = await post([{ status: 500, body: "boom" }]);
    expect(calls).toHaveLength(4);
    expect(time.fired).toEqual([1_000, 2_000, 4_000]);
    expect(outcome).toEqual({
      delivered: false,
      tries: 4,
      status: 500,
      problemClass: "server-error",
      problem: 'HTTP 500 "boom"',
    });
  });

  it("is delivered on a later try after a network error and a 503, keeping the last problem", async () => {
    const { outcome, time } = await post(["network", { status: 503 }, { status: 204 }]);
    expect(time.fired).toEqual([1_000, 2_000]);
    expect(outcome).toEqual({
      delivered: true,
      tries: 3,
      status: 204,
      problemClass: "server-error",
      problem: "HTTP 503",
    });
  });

  it("honours a 429's Retry-After, in seconds or as a date, capped by maxDelayMs", async () => {
    const seconds = await post([{ status: 429, headers: { "retry-after": "7" } }, { status: 200 }]);
    expect(seconds.time.fired).toEqual([7_000]);
    expect(seconds.outcome).toMatchObject({ delivered: true, tries: 2, problemClass: "rate-limit" });

    const date = await post([
      { status: 429, headers: { "retry-after": new Date(12_000).toUTCString() } },
      { status: 200 },
    ]);
    expect(date.time.fired).toEqual([12_000]);

    const huge = await post([{ status: 429, headers: { "retry-after": "3600" } }, { status: 200 }]);
    expect(huge.time.fired).toEqual([POLICY.maxDelayMs]);
  });

  it("does not try again after another 4xx: the request itself is wrong", async () => {
    const { outcome, calls } = await post([{ status: 404, body: "no_service" }]);
    expect(calls).toHaveLength(1);
    expect(outcome).toEqual({
      delivered: false,
      tries: 1,
      status: 404,
      problemClass: "rejected",
      problem: 'HTTP 404 "no_service"',
    });
  });

  it("gives each try timeoutMs, on the injected clock, then tries again", async () => {
    const { outcome, time } = await post(["hang", "hang", { status: 200 }]);
    // timeout, backoff, timeout, backoff: the clock moved only as far as those.
    expect(time.fired).toEqual([5_000, 1_000, 5_000, 2_000]);
    expect(time.elapsed()).toBe(13_000);
    expect(outcome).toMatchObject({
      delivered: true,
      tries: 3,
      problemClass: "timeout",
      problem: "no answer within 5000 ms",
    });
  });

  it("stops at once when the run ends, even mid-try", async () => {
    const stop = new AbortController();
    const time = new FakeTime();
    const { fetch } = scriptedFetch(["hang"]);
    const pending = postWebhook(URL_WITH_KEY, "{}", { fetch, sleep: time.sleep, now: time.now }, POLICY, stop.signal);
    await new Promise((resolve) => setImmediate(resolve));
    stop.abort();
    const outcome = await time.settle(pending);
    expect(outcome).toMatchObject({ delivered: false, tries: 1, problemClass: "run-ended" });
    expect(time.elapsed()).toBe(0);
  });

  it("never puts the URL or its key in a problem it reports", async () => {
    const leaky = (async () => {
      throw new TypeError(`Failed to parse URL from ${URL_WITH_KEY}`);
    }) as typeof globalThis.fetch;
    const time = new FakeTime();
    const outcome = await time.settle(
      postWebhook(
        URL_WITH_KEY,
        "{}",
        { fetch: leaky, sleep: time.sleep, now: time.now },
        POLICY,
        new AbortController().signal,
      ),
    );
    expect(outcome.delivered).toBe(false);
    expect(outcome.problem).toContain("Failed to parse URL from");
    expect(outcome.problem).not.toContain("s3cretKEY");
    expect(outcome.problem).not.toContain("/services/");
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates, and nothing else", () => {
    const now = new Date("2024-05-01T10:00:00Z");
    expect(parseRetryAfter("30", now)).toBe(30_000);
    expect(parseRetryAfter("Wed, 01 May 2024 10:00:05 GMT", now)).toBe(5_000);
    expect(parseRetryAfter("Wed, 01 May 2024 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });
});
