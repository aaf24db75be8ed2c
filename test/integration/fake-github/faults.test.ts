import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./harness.js";

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  h.repo.addIssue({ title: "one", labels: ["route:ready"] });
});
afterAll(() => h.close());
afterEach(() => {
  h.server.clearFaults();
  h.server.clearRequestLog();
  h.server.assertNoUnexpectedRequests();
});

describe("fault injection", () => {
  it("status: skips, then fails `times` matching requests, then lets them through", async () => {
    h.server.injectFault({ path: "/repos/acme/widgets/issues", kind: "status", status: 502, skip: 1, times: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await h.api("GET", "issues")).status);
    expect(statuses).toEqual([200, 502, 502, 200]);
    // Requests the fault does not match are untouched and do not use up its budget.
    expect((await h.api("GET", "labels")).status).toBe(200);
    expect(h.server.countRequests({ status: 502 })).toBe(2);
  });

  it("status: sends a custom body and headers", async () => {
    h.server.injectFault({
      kind: "status",
      status: 503,
      body: { message: "down for maintenance" },
      headers: { "retry-after": "1" },
    });
    const res = await h.api("GET", "issues/1");
    expect(res.status).toBe(503);
    expect(res.data).toEqual({ message: "down for maintenance" });
    expect(res.headers.get("retry-after")).toBe("1");
    expect((await h.api("GET", "issues/1")).status).toBe(200);
  });

  it("status: matches method and a path pattern; a default body names the status", async () => {
    h.server.injectFault({ method: "POST", path: /\/labels$/, kind: "status", status: 500, times: Infinity });
    expect((await h.api("GET", "labels")).status).toBe(200);
    const failed = await h.api("POST", "labels", { body: { name: "x", color: "ffffff" } });
    expect(failed.status).toBe(500);
    expect(failed.data).toMatchObject({ message: "Internal Server Error", status: "500" });
    expect((await h.api("POST", "labels", { body: { name: "x", color: "ffffff" } })).status).toBe(500);
    expect(h.repo.labels().map((l) => l.name)).not.toContain("x");
  });

  it("drop-after: the write happens, but the answer is lost", async () => {
    h.server.injectFault({ method: "POST", path: /\/labels$/, kind: "drop-after" });
    await expect(h.api("POST", "labels", { body: { name: "lost-answer", color: "ffffff" } })).rejects.toThrow();
    expect(h.repo.labels().map((l) => l.name)).toContain("lost-answer");
    expect((await h.api("POST", "labels", { body: { name: "lost-answer", color: "ffffff" } })).status).toBe(422);
  });

  it("drop: closes the connection without an answer, and logs status 0", async () => {
    h.server.injectFault({ path: /\/issues\/1$/, kind: "drop" });
    await expect(h.api("GET", "issues/1")).rejects.toThrow();
    expect(h.server.requests.map((r) => r.status)).toEqual([0]);
    expect((await h.api("GET", "issues/1")).status).toBe(200);
  });

  it("latency: delays, then answers normally", async () => {
    h.server.injectFault({ path: "/repos/acme/widgets/issues/1", kind: "latency", ms: 150 });
    const started = performance.now();
    const res = await h.api("GET", "issues/1");
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    expect(res.status).toBe(200);
    expect(res.data.title).toBe("one");
    expect(h.server.requests[0]?.durationMs).toBeGreaterThanOrEqual(145);
  });

  it("latency then status: faults are checked in injection order and a latency falls through", async () => {
    h.server.injectFault({ kind: "latency", ms: 60 });
    h.server.injectFault({ kind: "status", status: 500 });
    const started = performance.now();
    expect((await h.api("GET", "labels")).status).toBe(500);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it("secondary-rate-limit: 403 with retry-after and GitHub's message, not charged to the primary limit", async () => {
    const before = h.server.rateLimitOf("alice").remaining;
    h.server.injectFault({ method: "POST", kind: "secondary-rate-limit", retryAfterSeconds: 7 });
    const res = await h.api("POST", "issues/1/comments", { body: { body: "hi" } });
    expect(res.status).toBe(403);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(res.data.message).toMatch(
      /^You have exceeded a secondary rate limit\. Please wait a few minutes before you try again\./,
    );
    expect(Number(res.headers.get("x-ratelimit-remaining"))).toBeGreaterThan(0);
    expect(h.server.rateLimitOf("alice").remaining).toBe(before);
    expect(h.repo.issue(1).comments).toEqual([]);
    expect((await h.api("POST", "issues/1/comments", { body: { body: "hi" } })).status).toBe(201);
  });

  it("clearFaults removes pending faults", async () => {
    h.server.injectFault({ kind: "status", status: 500, times: Infinity });
    h.server.clearFaults();
    expect((await h.api("GET", "labels")).status).toBe(200);
  });
});
