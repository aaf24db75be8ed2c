import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ALICE_TOKEN, createHarness, OWNER_TOKEN, READER_TOKEN, STRANGER_TOKEN, type Harness } from "./harness.js";

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());
afterEach(() => {
  h.server.assertNoUnexpectedRequests();
  h.server.clearRequestLog();
});

describe("authentication", () => {
  it("answers 401 Requires authentication without a token", async () => {
    const res = await h.api("GET", "/user", { token: null });
    expect(res.status).toBe(401);
    expect(res.data).toEqual({
      message: "Requires authentication",
      documentation_url: "https://docs.github.com/rest",
      status: "401",
    });
  });

  it("answers 401 Bad credentials for an unknown token", async () => {
    const res = await h.api("GET", "issues", { token: "nope" });
    expect(res.status).toBe(401);
    expect(res.data).toEqual({
      message: "Bad credentials",
      documentation_url: "https://docs.github.com/rest",
      status: "401",
    });
  });

  it("accepts `token X` and `Bearer X` and reports the login", async () => {
    const viaToken = await h.api("GET", "/user");
    const viaBearer = await h.api("GET", "/user", { token: null, headers: { authorization: `Bearer ${OWNER_TOKEN}` } });
    expect(viaToken.data).toMatchObject({ login: "alice", type: "User" });
    expect(typeof viaToken.data.id).toBe("number");
    expect(viaBearer.data.login).toBe("acme");
    expect(viaToken.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(viaToken.headers.get("x-github-request-id")).toMatch(/^[0-9A-F]{4}:[0-9A-F]{4}:/);
  });
});

describe("permissions", () => {
  it("reports the login's permissions on the repository", async () => {
    const repo = await h.api("GET", "", { token: READER_TOKEN });
    expect(repo.status).toBe(200);
    expect(repo.data).toMatchObject({
      name: "widgets",
      full_name: "acme/widgets",
      owner: { login: "acme" },
      private: false,
      default_branch: "main",
      html_url: `${h.server.url}/acme/widgets`,
      permissions: { admin: false, maintain: false, push: false, triage: false, pull: true },
    });
    const owner = await h.api("GET", "", { token: OWNER_TOKEN });
    expect(owner.data.permissions).toEqual({ admin: true, maintain: true, push: true, triage: true, pull: true });
    const perm = await h.api("GET", "collaborators/alice/permission", { token: OWNER_TOKEN });
    expect(perm.data).toMatchObject({ permission: "write", role_name: "write", user: { login: "alice" } });
  });

  it("answers 403 to every write from a read-only login, and lets it read", async () => {
    const writes: Array<[string, string, unknown]> = [
      ["POST", "labels", { name: "x", color: "ffffff" }],
      ["POST", "issues", { title: "t" }],
      ["POST", "git/refs", { ref: "refs/heads/x", sha: "0".repeat(40) }],
      ["DELETE", "labels/whatever", undefined],
    ];
    for (const [method, path, body] of writes) {
      const res = await h.api(method, path, { token: READER_TOKEN, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.data.message).toBe("Resource not accessible by personal access token");
    }
    expect((await h.api("GET", "issues", { token: READER_TOKEN })).status).toBe(200);
    expect(h.repo.labels().map((l) => l.name)).not.toContain("x");
  });

  it("hides a private repository from a login without access (404 on every route)", async () => {
    const secret = await h.sandbox.createOrigin("secret");
    h.server.createRepo({
      owner: "acme",
      name: "secret",
      private: true,
      bareRepoPath: secret,
      permissions: { alice: "read" },
    });
    for (const path of ["", "/issues", "/labels", "/git/ref/heads/main", "/branches"]) {
      const res = await h.api("GET", `/repos/acme/secret${path}`, { token: STRANGER_TOKEN });
      expect(res.status, path).toBe(404);
      expect(res.data.message).toBe("Not Found");
    }
    expect((await h.api("GET", "/repos/acme/secret/git/ref/heads/main", { token: ALICE_TOKEN })).status).toBe(200);
  });
});

describe("errors", () => {
  it("answers 400 Problems parsing JSON to a malformed body", async () => {
    const res = await h.api("POST", "labels", { body: "{not json" });
    expect(res.status).toBe(400);
    expect(res.data.message).toBe("Problems parsing JSON");
  });

  it("answers 422 already_exists for a duplicate label, whatever its case", async () => {
    expect((await h.api("POST", "labels", { body: { name: "route:ready", color: "0052cc" } })).status).toBe(201);
    const dup = await h.api("POST", "labels", { body: { name: "ROUTE:READY", color: "0052cc" } });
    expect(dup.status).toBe(422);
    expect(dup.data).toEqual({
      message: "Validation Failed",
      errors: [{ resource: "Label", code: "already_exists", field: "name" }],
      documentation_url: "https://docs.github.com/rest",
      status: "422",
    });
  });

  it("records an unmodelled endpoint as unexpected and answers 404", async () => {
    const res = await h.api("GET", "actions/artifacts");
    const wrongMethod = await h.api("PUT", "labels");
    expect(res.status).toBe(404);
    expect(res.data.message).toBe("Not Found");
    expect(wrongMethod.status).toBe(404);
    expect(h.server.unexpectedRequests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /repos/acme/widgets/actions/artifacts",
      "PUT /repos/acme/widgets/labels",
    ]);
    expect(() => h.server.assertNoUnexpectedRequests()).toThrow(
      /GET \/repos\/acme\/widgets\/actions\/artifacts -> 404/,
    );
    h.server.clearUnexpectedRequests();
  });
});

describe("request log", () => {
  it("records method, decoded path, query, status and login, and never the token", async () => {
    await h.api("GET", "labels/route%3Aready?per_page=5", { token: OWNER_TOKEN });
    await h.api("GET", "/user", { token: "wrong-token" });
    expect(h.server.requests).toEqual([
      expect.objectContaining({
        method: "GET",
        path: "/repos/acme/widgets/labels/route:ready",
        query: { per_page: "5" },
        status: 200,
        login: "acme",
      }),
      expect.objectContaining({ method: "GET", path: "/user", query: {}, status: 401, login: null }),
    ]);
    expect(h.server.requests[0]?.durationMs).toBeGreaterThanOrEqual(0);
    const dump = JSON.stringify(h.server.requests);
    expect(dump).not.toContain(OWNER_TOKEN);
    expect(dump).not.toContain("wrong-token");
    expect(h.server.countRequests({ path: /labels/ })).toBe(1);
    expect(h.server.countRequests({ status: 401 })).toBe(1);
    expect(h.server.countRequests({ method: "post" })).toBe(0);
  });
});
