import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHarness, OWNER_TOKEN, type Harness } from "./harness.js";

let h: Harness;

beforeAll(async () => {
  h = await createHarness({ rateLimit: 10 });
});
afterAll(() => h.close());
afterEach(() => h.server.assertNoUnexpectedRequests());

describe("primary rate limit", () => {
  it("sends the core rate-limit headers and counts every request", async () => {
    const first = await h.api("GET", "labels", { token: OWNER_TOKEN });
    expect(first.headers.get("x-ratelimit-limit")).toBe("10");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("9");
    expect(first.headers.get("x-ratelimit-used")).toBe("1");
    expect(first.headers.get("x-ratelimit-resource")).toBe("core");
    const reset = Number(first.headers.get("x-ratelimit-reset"));
    expect(reset).toBeGreaterThan(Date.now() / 1000 + 3500);

    const error = await h.api("GET", "issues/999", { token: OWNER_TOKEN });
    expect(error.status).toBe(404);
    expect(error.headers.get("x-ratelimit-remaining")).toBe("8");
    expect(h.server.rateLimitOf("acme")).toMatchObject({ limit: 10, remaining: 8, used: 2 });
  });

  it("does not count GET /rate_limit, and reports the same numbers", async () => {
    const res = await h.api("GET", "/rate_limit", { token: OWNER_TOKEN });
    expect(res.status).toBe(200);
    expect(res.data.resources.core).toMatchObject({ limit: 10, remaining: 8, used: 2 });
    expect(res.data.rate).toEqual(res.data.resources.core);
    expect(h.server.rateLimitOf("acme").remaining).toBe(8);
  });

  it("keeps one budget per login", async () => {
    await h.api("GET", "labels");
    expect(h.server.rateLimitOf("alice").remaining).toBe(9);
    expect(h.server.rateLimitOf("acme").remaining).toBe(8);
  });

  it("answers 403 once the budget is spent, then refills after the reset time", async () => {
    for (let i = 0; i < 8; i++) expect((await h.api("GET", "labels", { token: OWNER_TOKEN })).status).toBe(200);
    const limited = await h.api("GET", "labels", { token: OWNER_TOKEN });
    expect(limited.status).toBe(403);
    expect(limited.data.message).toMatch(/^API rate limit exceeded for user ID \d+\. /);
    expect(limited.data.documentation_url).toBe(
      "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting",
    );
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    // Writes are refused too, and change nothing.
    const write = await h.api("POST", "labels", { token: OWNER_TOKEN, body: { name: "late", color: "ffffff" } });
    expect(write.status).toBe(403);
    expect(h.repo.labels()).toEqual([]);

    h.server.setRateLimit("acme", { remaining: 0, resetAt: new Date(Date.now() + 300) });
    expect((await h.api("GET", "labels", { token: OWNER_TOKEN })).status).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 350));
    const refilled = await h.api("GET", "labels", { token: OWNER_TOKEN });
    expect(refilled.status).toBe(200);
    expect(refilled.headers.get("x-ratelimit-remaining")).toBe("9");
    expect(h.server.rateLimitOf("acme").resetAt.getTime()).toBeGreaterThan(Date.now() + 3_500_000);
  });

  it("does not charge 304s, though an empty budget is refused before the ETag is compared", async () => {
    h.server.setRateLimit("alice", { remaining: 1 });
    const res = await h.api("GET", "labels");
    expect(res.status).toBe(200);
    const etag = res.headers.get("etag") ?? "";
    const again = await h.api("GET", "labels", { headers: { "if-none-match": etag } });
    // The budget is empty now: GitHub refuses before it can know the answer would be a 304.
    expect(again.status).toBe(403);
    h.server.setRateLimit("alice", { remaining: 1 });
    for (let i = 0; i < 3; i++) {
      expect((await h.api("GET", "labels", { headers: { "if-none-match": etag } })).status).toBe(304);
    }
    expect(h.server.rateLimitOf("alice").remaining).toBe(1);
  });
});
