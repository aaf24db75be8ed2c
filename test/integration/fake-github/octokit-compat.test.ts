import { Octokit } from "@octokit/rest";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EMPTY_TREE_SHA } from "../../../src/fake-github/index.js";
import { ALICE_TOKEN, createHarness, type Harness } from "./harness.js";

// The CLI talks to the fake through Octokit: check that Octokit's URL encoding, pagination and
// error handling land where the fake expects them.

let h: Harness;
let octokit: Octokit;
const repo = { owner: "acme", repo: "widgets" };

beforeAll(async () => {
  h = await createHarness();
  octokit = new Octokit({
    auth: ALICE_TOKEN,
    baseUrl: h.server.url,
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });
  h.repo.addIssues(120, (i) => ({ labels: i % 3 === 0 ? ["route:ready", "route:priority-high"] : ["route:ready"] }));
});
afterAll(() => h.close());
afterEach(() => h.server.assertNoUnexpectedRequests());

describe("Octokit against the fake", () => {
  it("paginates with octokit.paginate through Link headers", async () => {
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, {
      ...repo,
      labels: "route:ready",
      per_page: 50,
    });
    expect(all).toHaveLength(120);
    expect(h.server.countRequests({ path: "/repos/acme/widgets/issues" })).toBe(3);
  });

  it("gets, creates and fast-forwards refs whose names contain slashes", async () => {
    const main = await octokit.rest.git.getRef({ ...repo, ref: "heads/main" });
    const lease = await octokit.rest.git.createCommit({
      ...repo,
      message: "lease",
      tree: EMPTY_TREE_SHA,
      parents: [main.data.object.sha],
    });
    await octokit.rest.git.createRef({ ...repo, ref: "refs/my-little-soda/claims/3", sha: lease.data.sha });
    const dup = await octokit.rest.git
      .createRef({ ...repo, ref: "refs/my-little-soda/claims/3", sha: lease.data.sha })
      .catch((error: { status: number; message: string }) => error);
    expect(dup).toMatchObject({ status: 422 });
    expect((dup as { message: string }).message).toMatch(/^Reference already exists/);
    const beat = await octokit.rest.git.createCommit({
      ...repo,
      message: "beat",
      tree: EMPTY_TREE_SHA,
      parents: [lease.data.sha],
    });
    const updated = await octokit.rest.git.updateRef({ ...repo, ref: "my-little-soda/claims/3", sha: beat.data.sha });
    expect(updated.data.object.sha).toBe(beat.data.sha);
    const matching = await octokit.rest.git.listMatchingRefs({ ...repo, ref: "my-little-soda/claims/" });
    expect(matching.data.map((r) => r.ref)).toEqual(["refs/my-little-soda/claims/3"]);
    await octokit.rest.git.deleteRef({ ...repo, ref: "my-little-soda/claims/3" });
  });

  it("removes a label whose name holds a colon", async () => {
    const remaining = await octokit.rest.issues.removeLabel({ ...repo, issue_number: 1, name: "route:priority-high" });
    expect(remaining.data.map((l) => l.name)).toEqual(["route:ready"]);
    await expect(
      octokit.rest.issues.removeLabel({ ...repo, issue_number: 1, name: "route:priority-high" }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it("sends If-None-Match and reads a 304 as an error with status 304", async () => {
    const first = await octokit.rest.issues.get({ ...repo, issue_number: 2 });
    const etag = first.headers.etag ?? "";
    await expect(
      octokit.rest.issues.get({ ...repo, issue_number: 2, headers: { "if-none-match": etag } }),
    ).rejects.toMatchObject({
      status: 304,
    });
  });
});
