import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./harness.js";

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  for (let i = 1; i <= 75; i++) h.repo.addLabel({ name: `label-${String(i).padStart(3, "0")}`, color: "c5def5" });
  // Seeding an issue creates its unknown label, like GitHub: 76 labels in all.
  h.repo.addIssues(5, (i) => ({ title: `Issue ${i}`, labels: ["route:ready"] }));
});
afterAll(() => h.close());
afterEach(() => h.server.assertNoUnexpectedRequests());

function links(header: string | null): Record<string, string> {
  const result: Record<string, string> = {};
  for (const part of (header ?? "").split(", ")) {
    const match = /^<([^>]+)>; rel="(\w+)"$/.exec(part);
    if (match?.[1] && match[2]) result[match[2]] = match[1];
  }
  return result;
}

describe("pagination", () => {
  const base = () => `${h.server.url}/repos/acme/widgets/labels`;

  it("pages 30 by default and links next and last on the first page", async () => {
    const res = await h.api("GET", "labels");
    expect(res.data).toHaveLength(30);
    expect(res.data[0].name).toBe("label-001");
    expect(res.headers.get("link")).toBe(`<${base()}?page=2>; rel="next", <${base()}?page=3>; rel="last"`);
  });

  it("links prev, next, last and first in GitHub's order, keeping the other query parameters", async () => {
    const res = await h.api("GET", "labels?per_page=20&page=2");
    expect(res.data.map((l: { name: string }) => l.name)[0]).toBe("label-021");
    expect(res.headers.get("link")).toBe(
      `<${base()}?per_page=20&page=1>; rel="prev", <${base()}?per_page=20&page=3>; rel="next", ` +
        `<${base()}?per_page=20&page=4>; rel="last", <${base()}?per_page=20&page=1>; rel="first"`,
    );
  });

  it("links only prev and first on the last page", async () => {
    const res = await h.api("GET", "labels?page=3");
    expect(res.data).toHaveLength(16);
    expect(Object.keys(links(res.headers.get("link")))).toEqual(["prev", "first"]);
    expect(links(res.headers.get("link"))["prev"]).toBe(`${base()}?page=2`);
  });

  it("caps per_page at 100 and sends no Link header when everything fits", async () => {
    const all = await h.api("GET", "labels?per_page=500");
    expect(all.data).toHaveLength(76);
    expect(all.headers.get("link")).toBeNull();
    const issues = await h.api("GET", "issues");
    expect(issues.data).toHaveLength(5);
    expect(issues.headers.get("link")).toBeNull();
  });

  it("follows Link next to the end and sees every item exactly once", async () => {
    const seen: string[] = [];
    let url: string | undefined = `${base()}?per_page=7`;
    while (url) {
      const res = await h.api("GET", url.slice(h.server.url.length));
      seen.push(...res.data.map((l: { name: string }) => l.name));
      url = links(res.headers.get("link"))["next"];
    }
    expect(seen).toHaveLength(76);
    expect(new Set(seen).size).toBe(76);
  });
});

describe("ETag and conditional requests", () => {
  it("answers 304 without a body to a matching If-None-Match, free of charge but logged", async () => {
    const first = await h.api("GET", "issues?labels=route:ready");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/"[0-9a-f]{40}"$/);
    const remaining = Number(first.headers.get("x-ratelimit-remaining"));

    h.server.clearRequestLog();
    const second = await h.api("GET", "issues?labels=route:ready", { headers: { "if-none-match": etag ?? "" } });
    expect(second.status).toBe(304);
    expect(second.text).toBe("");
    expect(Number(second.headers.get("x-ratelimit-remaining"))).toBe(remaining);
    expect(h.server.rateLimitOf("alice").remaining).toBe(remaining);
    expect(h.server.requests.map((r) => r.status)).toEqual([304]);
  });

  it("changes the ETag when the resource changes", async () => {
    const before = await h.api("GET", "issues/1");
    const updatedBefore = before.data.updated_at;
    // updated_at has whole seconds, like GitHub's: step into the next second.
    await new Promise((resolve) => setTimeout(resolve, 1005 - (Date.now() % 1000)));
    h.repo.addComment(1, "bob", "hello");
    const after = await h.api("GET", "issues/1", { headers: { "if-none-match": before.headers.get("etag") ?? "" } });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
    expect(after.data.comments).toBe(1);
    expect(after.data.updated_at > updatedBefore).toBe(true);
    expect(h.repo.issue(1).updatedAt.getTime()).toBeGreaterThan(Date.parse(updatedBefore));
  });

  it("ignores a stale ETag", async () => {
    const res = await h.api("GET", "labels", {
      headers: { "if-none-match": 'W/"0000000000000000000000000000000000000000"' },
    });
    expect(res.status).toBe(200);
  });
});
