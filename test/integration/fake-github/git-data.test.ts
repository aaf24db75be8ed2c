import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EMPTY_TREE_SHA } from "../../../src/fake-github/index.js";
import { createHarness, pushBranch, type Harness } from "./harness.js";

let h: Harness;
let main: string;
let clone: string;

/** Reads the bare repository directly, behind the fake's back. */
const showRef = async (ref: string): Promise<string | null> =>
  h.sandbox.git(h.origin, ["rev-parse", "--verify", "--quiet", ref]).catch(() => null);

async function leaseCommit(message: string, parents: string[]): Promise<string> {
  const res = await h.api("POST", "git/commits", { body: { message, tree: EMPTY_TREE_SHA, parents } });
  expect(res.status).toBe(201);
  return res.data.sha as string;
}

beforeAll(async () => {
  h = await createHarness();
  main = await h.sandbox.git(h.origin, ["rev-parse", "refs/heads/main"]);
  clone = await h.sandbox.clone(h.origin, "git-data-clone");
});
afterAll(() => h.close());
afterEach(() => h.server.assertNoUnexpectedRequests());

describe("reading references", () => {
  it("reads a branch ref, with or without the slash percent-encoded", async () => {
    const plain = await h.api("GET", "git/ref/heads/main");
    const encoded = await h.api("GET", "git/ref/heads%2Fmain");
    expect(plain.status).toBe(200);
    expect(plain.data).toMatchObject({
      ref: "refs/heads/main",
      url: `${h.server.url}/repos/acme/widgets/git/refs/heads/main`,
      object: { sha: main, type: "commit" },
    });
    expect(encoded.data).toEqual(plain.data);
  });

  it("answers 404 for a missing ref, including one spelled with a leading refs/", async () => {
    expect((await h.api("GET", "git/ref/heads/nope")).status).toBe(404);
    expect((await h.api("GET", "git/ref/refs/heads/main")).status).toBe(404);
  });

  it("sees a branch pushed with plain git immediately", async () => {
    const sha = await pushBranch(h, clone, "pushed", "pushed.txt", "x\n");
    expect((await h.api("GET", "git/ref/heads/pushed")).data.object.sha).toBe(sha);
    const matching = await h.api("GET", "git/matching-refs/heads/push");
    expect(matching.data.map((r: { ref: string }) => r.ref)).toEqual(["refs/heads/pushed"]);
    expect((await h.api("GET", "git/matching-refs/my-little-soda/claims/")).data).toEqual([]);
  });
});

describe("creating references", () => {
  it("creates a ref that really exists in the bare repo, and refuses a second time", async () => {
    const created = await h.api("POST", "git/refs", { body: { ref: "refs/my-little-soda/claims/7", sha: main } });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ ref: "refs/my-little-soda/claims/7", object: { sha: main, type: "commit" } });
    expect(await showRef("refs/my-little-soda/claims/7")).toBe(main);
    const again = await h.api("POST", "git/refs", { body: { ref: "refs/my-little-soda/claims/7", sha: main } });
    expect(again.status).toBe(422);
    expect(again.data.message).toBe("Reference already exists");
  });

  it("lets exactly one of 20 concurrent creators win", async () => {
    const leases = await Promise.all(Array.from({ length: 20 }, (_, i) => leaseCommit(`holder ${i}`, [main])));
    const results = await Promise.all(
      leases.map((sha) => h.api("POST", "git/refs", { body: { ref: "refs/my-little-soda/claims/42", sha } })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 422)).toHaveLength(19);
    const winner = results.findIndex((r) => r.status === 201);
    expect(await showRef("refs/my-little-soda/claims/42")).toBe(leases[winner]);
  });

  it("refuses an unknown object and a malformed name", async () => {
    const unknown = await h.api("POST", "git/refs", { body: { ref: "refs/heads/ghost", sha: "1".repeat(40) } });
    expect(unknown.status).toBe(422);
    expect(unknown.data.message).toBe("Object does not exist");
    const short = await h.api("POST", "git/refs", { body: { ref: "refs/ghost", sha: main } });
    expect(short.status).toBe(422);
    const dots = await h.api("POST", "git/refs", { body: { ref: "refs/heads/a..b", sha: main } });
    expect(dots.status).toBe(422);
    expect(await showRef("refs/heads/ghost")).toBeNull();
  });
});

describe("updating and deleting references", () => {
  it("fast-forwards, refuses a non-fast-forward unless forced", async () => {
    const start = await leaseCommit("epoch 1", [main]);
    expect(
      (await h.api("POST", "git/refs", { body: { ref: "refs/my-little-soda/claims/9", sha: start } })).status,
    ).toBe(201);
    const next = await leaseCommit("epoch 2", [start]);
    const forward = await h.api("PATCH", "git/refs/my-little-soda/claims/9", { body: { sha: next } });
    expect(forward.status).toBe(200);
    expect(forward.data.object.sha).toBe(next);

    const rival = await leaseCommit("rival", [start]);
    const refused = await h.api("PATCH", "git/refs/my-little-soda%2Fclaims%2F9", {
      body: { sha: rival, force: false },
    });
    expect(refused.status).toBe(422);
    expect(refused.data.message).toBe("Update is not a fast forward");
    expect(await showRef("refs/my-little-soda/claims/9")).toBe(next);

    const forced = await h.api("PATCH", "git/refs/my-little-soda/claims/9", { body: { sha: rival, force: true } });
    expect(forced.status).toBe(200);
    expect(await showRef("refs/my-little-soda/claims/9")).toBe(rival);
  });

  it("refuses to update a missing ref", async () => {
    const res = await h.api("PATCH", "git/refs/my-little-soda/claims/404", { body: { sha: main } });
    expect(res.status).toBe(422);
    expect(res.data.message).toBe("Reference does not exist");
  });

  it("deletes a ref with 204, then answers 422 Reference does not exist", async () => {
    await h.api("POST", "git/refs", { body: { ref: "refs/my-little-soda/claims/11", sha: main } });
    const deleted = await h.api("DELETE", "git/refs/my-little-soda/claims/11");
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    expect(await showRef("refs/my-little-soda/claims/11")).toBeNull();
    const again = await h.api("DELETE", "git/refs/my-little-soda/claims/11");
    expect(again.status).toBe(422);
    expect(again.data.message).toBe("Reference does not exist");
  });
});

describe("commits", () => {
  it("creates a commit on the empty tree whose message round-trips byte for byte", async () => {
    const message = "agent=agent001\nhost=box\nheartbeat=2026-01-01T00:00:00Z\nepoch=3";
    const res = await h.api("POST", "git/commits", {
      body: {
        message,
        tree: EMPTY_TREE_SHA,
        parents: [main],
        author: { name: "Agent", email: "a@example.com", date: "2026-01-02T03:04:05Z" },
      },
    });
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({
      message,
      tree: { sha: EMPTY_TREE_SHA },
      parents: [{ sha: main }],
      author: { name: "Agent", email: "a@example.com", date: "2026-01-02T03:04:05Z" },
      committer: { name: "Agent", email: "a@example.com" },
    });
    expect(await h.sandbox.git(h.origin, ["log", "-1", "--format=%B", res.data.sha])).toBe(message);
    const read = await h.api("GET", `git/commits/${res.data.sha}`);
    expect(read.data.message).toBe(message);
    expect(read.data.parents).toEqual([expect.objectContaining({ sha: main })]);
  });

  it("defaults the author to the authenticated login", async () => {
    const res = await h.api("POST", "git/commits", { body: { message: "m", tree: EMPTY_TREE_SHA, parents: [] } });
    expect(res.data.author.name).toBe("alice");
    expect(res.data.author.email).toMatch(/\+alice@users\.noreply\.github\.com$/);
  });

  it("refuses an unknown tree or parent, and 404s an unknown commit", async () => {
    const tree = await h.api("POST", "git/commits", { body: { message: "m", tree: "2".repeat(40), parents: [] } });
    expect(tree.status).toBe(422);
    expect(tree.data.message).toBe("Tree SHA does not exist");
    const parent = await h.api("POST", "git/commits", {
      body: { message: "m", tree: EMPTY_TREE_SHA, parents: ["3".repeat(40)] },
    });
    expect(parent.status).toBe(422);
    expect(parent.data.message).toBe("Parent SHA does not exist or is not a commit object");
    expect((await h.api("GET", `git/commits/${"4".repeat(40)}`)).status).toBe(404);
  });

  it("keeps refs to API-made commits fetchable by plain git", async () => {
    const sha = await leaseCommit("fetch me", []);
    await h.api("POST", "git/refs", { body: { ref: "refs/my-little-soda/claims/77", sha } });
    await h.sandbox.git(clone, ["fetch", "-q", "origin", "refs/my-little-soda/claims/77"]);
    expect(await h.sandbox.git(clone, ["rev-parse", "FETCH_HEAD"])).toBe(sha);
  });
});
