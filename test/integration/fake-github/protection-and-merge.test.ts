import type { Octokit } from "@octokit/rest";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GITHUB_ACTIONS_APP_ID } from "../../../src/fake-github/index.js";
import { createHarness, failure, octokitFor, OWNER_TOKEN, pushBranch, READER_TOKEN, type Harness } from "./harness.js";

// Branch protection as GitHub shows and enforces it, repository merge settings, and the three
// merge methods done for real in the bare repository.

let h: Harness;
let alice: Octokit;
let owner: Octokit;
let clone: string;
let counter = 0;
const repo = { owner: "acme", repo: "widgets" };

const git = (...args: string[]): Promise<string> => h.sandbox.git(h.origin, args);
const mainSha = (): Promise<string> => git("rev-parse", "refs/heads/main");

async function openPull(options: { file?: string; content?: string; commits?: number } = {}) {
  const branch = `work-${++counter}`;
  let head = await pushBranch(h, clone, branch, options.file ?? `${branch}.txt`, options.content ?? "x\n");
  for (let i = 2; i <= (options.commits ?? 1); i++) {
    head = await pushBranch(h, clone, branch, `${branch}-${i}.txt`, `${i}\n`, branch);
  }
  const { data } = await alice.rest.pulls.create({ ...repo, title: `Work ${counter}`, head: branch, base: "main" });
  return { number: data.number, branch, head };
}

beforeAll(async () => {
  h = await createHarness();
  h.server.addUser("bob", "tok-bob");
  h.repo.setPermission("bob", "write");
  alice = octokitFor(h);
  owner = octokitFor(h, OWNER_TOKEN);
  clone = await h.sandbox.clone(h.origin, "protection-clone");
});
beforeEach(() => {
  h.repo.setBranchProtection("main", null);
  h.repo.updateSettings({
    allowMergeCommit: true,
    allowSquashMerge: true,
    allowRebaseMerge: true,
    deleteBranchOnMerge: false,
  });
});
afterAll(() => h.close());
afterEach(() => h.server.assertNoUnexpectedRequests());

describe("reading branch protection", () => {
  it("shows the protection to an admin, in GitHub's shape", async () => {
    h.repo.setBranchProtection("main", {
      requiredStatusChecks: {
        strict: true,
        contexts: ["ci/jenkins"],
        checks: [{ context: "unit", appId: GITHUB_ACTIONS_APP_ID }],
      },
      requiredPullRequestReviews: { requiredApprovingReviewCount: 2, dismissStaleReviews: true },
    });
    const { data } = await owner.rest.repos.getBranchProtection({ ...repo, branch: "main" });
    expect(data.required_status_checks).toMatchObject({
      strict: true,
      contexts: ["ci/jenkins", "unit"],
      checks: [
        { context: "ci/jenkins", app_id: null },
        { context: "unit", app_id: GITHUB_ACTIONS_APP_ID },
      ],
    });
    expect(data.required_pull_request_reviews).toMatchObject({
      required_approving_review_count: 2,
      dismiss_stale_reviews: true,
      require_code_owner_reviews: false,
      require_last_push_approval: false,
    });
    expect(data.enforce_admins).toMatchObject({ enabled: false });
  });

  it("answers 404 Not Found to anyone but an admin, who can still read the branch's summary", async () => {
    h.repo.setBranchProtection("main", { requiredStatusChecks: { contexts: ["ci"] } });
    const denied = await failure(alice.rest.repos.getBranchProtection({ ...repo, branch: "main" }));
    expect(denied).toMatchObject({ status: 404, data: { message: "Not Found" } });
    const { data } = await alice.rest.repos.getBranch({ ...repo, branch: "main" });
    expect(data).toMatchObject({
      protected: true,
      protection: { enabled: true, required_status_checks: { enforcement_level: "non_admins", contexts: ["ci"] } },
      protection_url: `${h.server.url}/repos/acme/widgets/branches/main/protection`,
    });
    const branches = await alice.rest.repos.listBranches({ ...repo });
    expect(branches.data.find((b) => b.name === "main")?.protected).toBe(true);
  });

  it("answers an admin 404 Branch not protected for an unprotected branch", async () => {
    const res = await failure(owner.rest.repos.getBranchProtection({ ...repo, branch: "main" }));
    expect(res).toMatchObject({ status: 404, data: { message: "Branch not protected" } });
    expect((await alice.rest.repos.getBranch({ ...repo, branch: "main" })).data.protected).toBe(false);
  });
});

describe("merging under protection", () => {
  it("refuses with GitHub's 405 messages until reviews, required checks and freshness are met", async () => {
    h.repo.setBranchProtection("main", {
      requiredStatusChecks: { strict: true, contexts: ["ci"] },
      requiredPullRequestReviews: { requiredApprovingReviewCount: 1 },
    });
    const pr = await openPull();
    const merge = () => failure(alice.rest.pulls.merge({ ...repo, pull_number: pr.number, merge_method: "squash" }));

    expect(await merge()).toMatchObject({
      status: 405,
      data: {
        message: "At least 1 approving review is required by reviewers with write access.",
        documentation_url: "https://docs.github.com/articles/about-protected-branches",
      },
    });
    await h.repo.addReview(pr.number, { author: "bob", state: "APPROVED" });
    expect((await merge()).data.message).toBe('Required status check "ci" is expected.');
    const ci = await h.repo.addCheckRun({ name: "ci", ref: pr.head, status: "in_progress" });
    expect((await merge()).data.message).toBe('Required status check "ci" is expected.');
    h.repo.updateCheckRun(ci.id, { conclusion: "failure" });
    expect((await merge()).data.message).toBe('Required status check "ci" is failing.');
    h.repo.updateCheckRun(ci.id, { conclusion: "success" });

    await pushBranch(h, clone, "main", `main-${counter}.txt`, "m\n");
    expect((await merge()).data.message).toBe("Head branch is not up to date with the base branch.");
    await alice.rest.pulls.updateBranch({ ...repo, pull_number: pr.number });
    // The new head has no checks yet.
    expect((await merge()).data.message).toBe('Required status check "ci" is expected.');
    const { data: pull } = await alice.rest.pulls.get({ ...repo, pull_number: pr.number });
    h.repo.setCommitStatus(pull.head.sha, "success", "ci");
    const merged = await alice.rest.pulls.merge({ ...repo, pull_number: pr.number, merge_method: "squash" });
    expect(merged.data.merged).toBe(true);
  });

  it("counts a check only from the app the protection names", async () => {
    h.repo.setBranchProtection("main", {
      requiredStatusChecks: { checks: [{ context: "unit", appId: GITHUB_ACTIONS_APP_ID }] },
    });
    const pr = await openPull();
    await h.repo.addCheckRun({ name: "unit", ref: pr.head, conclusion: "success", appSlug: "impostor" });
    expect((await failure(alice.rest.pulls.merge({ ...repo, pull_number: pr.number }))).status).toBe(405);
    await h.repo.addWorkflowRun({ name: "CI", ref: pr.head, jobs: [{ name: "unit", conclusion: "success" }] });
    expect((await alice.rest.pulls.merge({ ...repo, pull_number: pr.number })).status).toBe(200);
  });

  it("lets an admin merge past unmet requirements unless they are enforced for admins", async () => {
    h.repo.setBranchProtection("main", { requiredStatusChecks: { contexts: ["ci"] } });
    const bypass = await openPull();
    expect((await owner.rest.pulls.merge({ ...repo, pull_number: bypass.number })).status).toBe(200);
    h.repo.setBranchProtection("main", { requiredStatusChecks: { contexts: ["ci"] }, enforceAdmins: true });
    const enforced = await openPull();
    const res = await failure(owner.rest.pulls.merge({ ...repo, pull_number: enforced.number }));
    expect(res).toMatchObject({ status: 405, data: { message: 'Required status check "ci" is expected.' } });
  });

  it("answers 409 when the head moved since the client looked", async () => {
    const pr = await openPull();
    const res = await failure(alice.rest.pulls.merge({ ...repo, pull_number: pr.number, sha: "1".repeat(40) }));
    expect(res).toMatchObject({
      status: 409,
      data: { message: "Head branch was modified. Review and try the merge again." },
    });
  });
});

describe("merge settings and methods", () => {
  it("shows the settings to writers and refuses a method the repository disallows", async () => {
    h.repo.updateSettings({ allowMergeCommit: false, allowRebaseMerge: false });
    const { data } = await alice.rest.repos.get({ ...repo });
    expect(data).toMatchObject({
      allow_merge_commit: false,
      allow_squash_merge: true,
      allow_rebase_merge: false,
      delete_branch_on_merge: false,
    });
    expect((await octokitFor(h, READER_TOKEN).rest.repos.get({ ...repo })).data).not.toHaveProperty(
      "allow_merge_commit",
    );
    const pr = await openPull();
    const merge = await failure(alice.rest.pulls.merge({ ...repo, pull_number: pr.number }));
    expect(merge).toMatchObject({
      status: 405,
      data: { message: "Merge commits are not allowed on this repository." },
    });
    const rebase = await failure(alice.rest.pulls.merge({ ...repo, pull_number: pr.number, merge_method: "rebase" }));
    expect(rebase.data.message).toBe("Rebase merges are not allowed on this repository.");
    h.repo.updateSettings({ allowSquashMerge: false });
    const squash = await failure(alice.rest.pulls.merge({ ...repo, pull_number: pr.number, merge_method: "squash" }));
    expect(squash.data.message).toBe("Squash merges are not allowed on this repository.");
  });

  it("squashes the head into one commit on top of main", async () => {
    const pr = await openPull({ commits: 2 });
    const before = await mainSha();
    const { data } = await alice.rest.pulls.merge({ ...repo, pull_number: pr.number, merge_method: "squash" });
    expect(await mainSha()).toBe(data.sha);
    expect((await git("rev-list", "--parents", "-n", "1", data.sha)).split(" ")).toEqual([data.sha, before]);
    const message = await git("log", "-1", "--format=%B", data.sha);
    expect(message).toMatch(new RegExp(`^Work ${counter} \\(#${pr.number}\\)\\n\\n\\* Change work-${counter}\\.txt`));
    expect(await git("log", "-1", "--format=%an <%ae>", data.sha)).toMatch(
      /^alice <\d+\+alice@users\.noreply\.github\.com>$/,
    );
  });

  it("rebases: one new commit per head commit, authors and messages kept, GitHub as committer", async () => {
    const pr = await openPull({ commits: 2 });
    await pushBranch(h, clone, "main", `moved-${counter}.txt`, "moved\n");
    const before = await mainSha();
    const { data } = await alice.rest.pulls.merge({ ...repo, pull_number: pr.number, merge_method: "rebase" });
    const replayed = (await git("rev-list", "--reverse", `${before}..${data.sha}`)).split("\n");
    expect(replayed).toHaveLength(2);
    expect(replayed[1]).toBe(data.sha);
    const original = (await git("rev-list", "--reverse", `${before}..${pr.head}`)).split("\n").slice(-2);
    for (const [i, sha] of replayed.entries()) {
      const fmt = "--format=%an|%ae|%s|%cn|%ce";
      const [an, ae, s] = (await git("log", "-1", fmt, original[i] ?? "")).split("|");
      expect(await git("log", "-1", fmt, sha)).toBe(`${an}|${ae}|${s}|GitHub|noreply@github.com`);
      expect(original).not.toContain(sha);
    }
    expect((await git("rev-list", "--parents", "-n", "1", replayed[0] ?? "")).split(" ")[1]).toBe(before);
    expect(await git("ls-tree", "--name-only", data.sha)).toContain(`moved-${counter}.txt`);
    expect(h.repo.pull(pr.number)).toMatchObject({ merged: true, mergeCommitSha: data.sha });
  });

  it("answers 405 This branch can't be rebased when a head commit does not replay", async () => {
    const pr = await openPull({ file: "src/app.txt", content: "one\nrebase me\nthree\n" });
    await pushBranch(h, clone, "main", "src/app.txt", "one\nmain wins\nthree\n");
    const before = await mainSha();
    const res = await failure(alice.rest.pulls.merge({ ...repo, pull_number: pr.number, merge_method: "rebase" }));
    expect(res.status).toBe(405);
    expect(await mainSha()).toBe(before);
  });

  it("deletes the head branch after the merge when the repository says so", async () => {
    h.repo.updateSettings({ deleteBranchOnMerge: true });
    const pr = await openPull();
    await alice.rest.pulls.merge({ ...repo, pull_number: pr.number });
    expect(await git("branch", "--list", pr.branch)).toBe("");
    const { data } = await alice.rest.pulls.get({ ...repo, pull_number: pr.number });
    expect(data).toMatchObject({ merged: true, state: "closed", head: { ref: pr.branch, sha: pr.head } });
  });

  it("keeps a merged head branch that another open pull request is based on", async () => {
    h.repo.updateSettings({ deleteBranchOnMerge: true });
    const pr = await openPull();
    await pushBranch(h, clone, `${pr.branch}-next`, "next.txt", "n\n", pr.branch);
    await alice.rest.pulls.create({ ...repo, title: "Next", head: `${pr.branch}-next`, base: pr.branch });
    await alice.rest.pulls.merge({ ...repo, pull_number: pr.number });
    expect(await git("branch", "--list", pr.branch)).toContain(pr.branch);
  });
});
