import type { Octokit } from "@octokit/rest";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHarness, failure, octokitFor, pushBranch, type Harness } from "./harness.js";

// `mergeable` / `mergeable_state` computed from the bare repository, and catching up with
// `update-branch`. Each test opens its own branch off a fresh main.

let h: Harness;
let alice: Octokit;
let clone: string;
let counter = 0;
const repo = { owner: "acme", repo: "widgets" };

async function openPull(options: { file?: string; content?: string; draft?: boolean } = {}) {
  const branch = `topic-${++counter}`;
  const head = await pushBranch(h, clone, branch, options.file ?? `${branch}.txt`, options.content ?? "x\n");
  const { data } = await alice.rest.pulls.create({
    ...repo,
    title: branch,
    head: branch,
    base: "main",
    draft: options.draft ?? false,
  });
  return { number: data.number, branch, head };
}

const state = async (number: number) => {
  const { data } = await alice.rest.pulls.get({ ...repo, pull_number: number });
  return { mergeable: data.mergeable, mergeable_state: data.mergeable_state };
};

beforeAll(async () => {
  h = await createHarness();
  h.server.addUser("bob", "tok-bob");
  h.repo.setPermission("bob", "write");
  alice = octokitFor(h);
  clone = await h.sandbox.clone(h.origin, "mergeability-clone");
});
beforeEach(() => {
  h.repo.setBranchProtection("main", null);
  h.repo.setMergeabilityDelay(false);
});
afterAll(() => h.close());
afterEach(() => h.server.assertNoUnexpectedRequests());

describe("mergeable and mergeable_state", () => {
  it("is clean without conflicts or protection, and absent from the list", async () => {
    const pr = await openPull();
    expect(await state(pr.number)).toEqual({ mergeable: true, mergeable_state: "clean" });
    const listed = (await alice.rest.pulls.list({ ...repo })).data.find((p) => p.number === pr.number);
    expect(listed).toBeDefined();
    expect(listed).not.toHaveProperty("mergeable");
    expect(listed).not.toHaveProperty("mergeable_state");
  });

  it("is dirty on a real conflict with main, and clean again once the head resolves it", async () => {
    const pr = await openPull({ file: "src/app.txt", content: "one\nmine\nthree\n" });
    await pushBranch(h, clone, "main", "src/app.txt", "one\ntheirs\nthree\n");
    expect(await state(pr.number)).toEqual({ mergeable: false, mergeable_state: "dirty" });
    const merge = await failure(alice.rest.pulls.merge({ ...repo, pull_number: pr.number }));
    expect(merge).toMatchObject({ status: 405, data: { message: "Pull Request is not mergeable" } });
    // The agent merges main into its branch and resolves the conflict by hand.
    await h.sandbox.git(clone, ["checkout", "-q", pr.branch]);
    await h.sandbox.git(clone, ["fetch", "-q", "origin"]);
    await h.sandbox.git(clone, ["merge", "-q", "-X", "ours", "origin/main", "-m", "Merge main"]);
    await h.sandbox.git(clone, ["push", "-q", "origin", pr.branch]);
    expect(await state(pr.number)).toEqual({ mergeable: true, mergeable_state: "clean" });
  });

  it("is draft for a draft pull request", async () => {
    const pr = await openPull({ draft: true });
    expect(await state(pr.number)).toEqual({ mergeable: true, mergeable_state: "draft" });
    const merge = await failure(alice.rest.pulls.merge({ ...repo, pull_number: pr.number }));
    expect(merge).toMatchObject({ status: 405, data: { message: "Pull Request is still a draft" } });
  });

  it("is unstable while a check nobody requires fails or is pending", async () => {
    const pr = await openPull();
    const run = await h.repo.addCheckRun({ name: "coverage", ref: pr.head, conclusion: "failure" });
    expect((await state(pr.number)).mergeable_state).toBe("unstable");
    h.repo.updateCheckRun(run.id, { conclusion: "success" });
    h.repo.setCommitStatus(pr.head, "pending", "ci/slow");
    expect((await state(pr.number)).mergeable_state).toBe("unstable");
    h.repo.setCommitStatus(pr.head, "success", "ci/slow");
    expect((await state(pr.number)).mergeable_state).toBe("clean");
  });

  it("is blocked until required checks pass and a writer approves", async () => {
    h.repo.setBranchProtection("main", {
      requiredStatusChecks: { contexts: ["ci"] },
      requiredPullRequestReviews: { requiredApprovingReviewCount: 1 },
    });
    const pr = await openPull();
    expect(await state(pr.number)).toEqual({ mergeable: true, mergeable_state: "blocked" });
    await h.repo.addCheckRun({ name: "ci", ref: pr.head, conclusion: "success" });
    expect((await state(pr.number)).mergeable_state).toBe("blocked");
    // A reader's approval is recorded but does not count.
    await h.repo.addReview(pr.number, { author: "reader", state: "APPROVED" });
    expect((await state(pr.number)).mergeable_state).toBe("blocked");
    await h.repo.addReview(pr.number, { author: "bob", state: "APPROVED" });
    expect((await state(pr.number)).mergeable_state).toBe("clean");
  });

  it("is behind when protection requires up-to-date branches and main moved on", async () => {
    h.repo.setBranchProtection("main", { requiredStatusChecks: { strict: true, contexts: [] } });
    const pr = await openPull();
    expect((await state(pr.number)).mergeable_state).toBe("clean");
    await pushBranch(h, clone, "main", `main-${counter}.txt`, "m\n");
    expect(await state(pr.number)).toEqual({ mergeable: true, mergeable_state: "behind" });
    const compare = await alice.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `main...${pr.branch}` });
    expect(compare.data).toMatchObject({ status: "diverged", ahead_by: 1, behind_by: 1 });
  });

  it("says unknown on the first read after a change when the delay is switched on", async () => {
    h.repo.setMergeabilityDelay(true);
    const pr = await openPull();
    expect(await state(pr.number)).toEqual({ mergeable: null, mergeable_state: "unknown" });
    expect(await state(pr.number)).toEqual({ mergeable: true, mergeable_state: "clean" });
    await pushBranch(h, clone, pr.branch, "second.txt", "2\n", pr.branch);
    expect(await state(pr.number)).toEqual({ mergeable: null, mergeable_state: "unknown" });
    expect(await state(pr.number)).toEqual({ mergeable: true, mergeable_state: "clean" });
  });

  it("answers a fresh pull request with mergeable unknown, as GitHub has not computed it yet", async () => {
    const head = await pushBranch(h, clone, "fresh", "fresh.txt", "f\n");
    const { data } = await alice.rest.pulls.create({ ...repo, title: "Fresh", head: "fresh", base: "main" });
    expect(data).toMatchObject({ mergeable: null, mergeable_state: "unknown", head: { sha: head } });
  });
});

describe("update-branch", () => {
  it("merges main into the head with a merge commit and answers 202", async () => {
    const pr = await openPull();
    await pushBranch(h, clone, "main", `main-${counter}.txt`, "m\n");
    const main = await h.sandbox.git(h.origin, ["rev-parse", "refs/heads/main"]);
    const res = await alice.rest.pulls.updateBranch({ ...repo, pull_number: pr.number, expected_head_sha: pr.head });
    expect(res.status).toBe(202);
    expect(res.data).toEqual({
      message: "Updating pull request branch.",
      url: `${h.server.url}/repos/acme/widgets/pulls/${pr.number}`,
    });
    const head = await h.sandbox.git(h.origin, ["rev-parse", `refs/heads/${pr.branch}`]);
    expect((await h.sandbox.git(h.origin, ["rev-list", "--parents", "-n", "1", head])).split(" ")).toEqual([
      head,
      pr.head,
      main,
    ]);
    expect((await alice.rest.pulls.get({ ...repo, pull_number: pr.number })).data.head.sha).toBe(head);
  });

  it("refuses with 422 when already up to date, on a stale expected head, and on a conflict", async () => {
    const pr = await openPull({ file: "src/app.txt", content: "one\nbranch\nthree\n" });
    const upToDate = await failure(alice.rest.pulls.updateBranch({ ...repo, pull_number: pr.number }));
    expect(upToDate).toMatchObject({ status: 422, data: { message: "There are no new commits on the base branch." } });
    await pushBranch(h, clone, "main", "src/app.txt", "one\nmain again\nthree\n");
    const stale = await failure(
      alice.rest.pulls.updateBranch({ ...repo, pull_number: pr.number, expected_head_sha: "0".repeat(40) }),
    );
    expect(stale).toMatchObject({ status: 422, data: { message: "expected head sha didn't match current head ref." } });
    const conflict = await failure(alice.rest.pulls.updateBranch({ ...repo, pull_number: pr.number }));
    expect(conflict).toMatchObject({ status: 422, data: { message: "merge conflict between base and head" } });
    expect(await h.sandbox.git(h.origin, ["rev-parse", `refs/heads/${pr.branch}`])).toBe(pr.head);
  });
});
