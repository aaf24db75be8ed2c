import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GitWorkspace } from "../../../src/core/ports.js";
import { createGitSandbox, type GitSandbox } from "../../../src/demo/git-sandbox.js";
import { createGitWorkspace } from "../../../src/git/simple-git-workspace.js";
import { PushRejectedError } from "../../../src/errors/index.js";

// What the review phase asks of git: bring a pull request's branch up to date with its base, and
// push it without ever overwriting what someone else pushed.
let sandbox: GitSandbox;
let origin: string;
let clone: string;
let git: GitWorkspace;
beforeEach(async () => {
  sandbox = await createGitSandbox();
  origin = await sandbox.createOrigin("repo", { files: { "README.md": "# repo\n" } });
  clone = await sandbox.clone(origin, "clone");
  git = createGitWorkspace({ cwd: clone, env: sandbox.env });
  await sandbox.git(clone, ["checkout", "-q", "-b", "feature"]);
  await sandbox.commitFile(clone, "shared.txt", "from the feature\n", "Feature");
  await sandbox.git(clone, ["push", "-q", "origin", "feature"]);
});
afterEach(() => sandbox.cleanup());

async function pushToMain(file: string, content: string): Promise<void> {
  const person = await sandbox.clone(origin, `person-${Math.random().toString(36).slice(2)}`);
  await sandbox.commitFile(person, file, content, `Main changes ${file}`);
  await sandbox.git(person, ["push", "-q", "origin", "main"]);
  await git.fetch("origin", "main");
}

describe("merge", () => {
  it("a real conflict is left in progress with the conflicting files named (git exits 1 with it on stdout)", async () => {
    await pushToMain("shared.txt", "from main\n");
    const merged = await git.merge("origin/main", "Merge main");
    expect(merged).toEqual({ outcome: "conflict", files: ["shared.txt"] });
    expect(await git.mergeInProgress()).toBe(true);
    expect(await git.unmergedFiles()).toEqual(["shared.txt"]);
    await git.abortMerge();
    expect(await git.mergeInProgress()).toBe(false);
  });

  it("a clean merge makes a merge commit; merging again is up to date", async () => {
    await pushToMain("other.txt", "unrelated\n");
    expect(await git.merge("origin/main", "Merge main")).toEqual({ outcome: "merged" });
    expect(await git.isAncestor("origin/main", "HEAD")).toBe(true);
    expect(await git.merge("origin/main", "Merge main")).toEqual({ outcome: "up-to-date" });
  });
});

describe("pushWithLease", () => {
  it("overwrites the remote branch only while it is where we read it", async () => {
    const read = (await git.resolveRef("origin/feature")) ?? "";
    await pushToMain("other.txt", "unrelated\n");
    await git.rebase("origin/main");
    await git.pushWithLease("origin", "feature", read);
    expect((await sandbox.git(origin, ["rev-parse", "feature"])).trim()).toBe(await git.resolveRef("HEAD"));

    // Someone pushes on top; a lease on what we read before refuses to overwrite it.
    const person = await sandbox.clone(origin, "person-on-feature");
    await sandbox.git(person, ["checkout", "-q", "feature"]);
    await sandbox.commitFile(person, "person.txt", "a person's work\n", "A person's commit");
    await sandbox.git(person, ["push", "-q", "origin", "feature"]);
    await sandbox.commitFile(clone, "mine.txt", "mine\n", "Mine");
    const stale = (await git.resolveRef("HEAD~1")) ?? "";
    await expect(git.pushWithLease("origin", "feature", stale)).rejects.toBeInstanceOf(PushRejectedError);
    expect((await sandbox.git(origin, ["log", "-1", "--format=%s", "feature"])).trim()).toBe("A person's commit");
  });

  it("fastForward moves to the remote branch when it is ahead, and refuses when the two diverged", async () => {
    const person = await sandbox.clone(origin, "person-ff");
    await sandbox.git(person, ["checkout", "-q", "feature"]);
    await sandbox.commitFile(person, "person.txt", "a person's work\n", "A person's commit");
    await sandbox.git(person, ["push", "-q", "origin", "feature"]);
    await git.fetch("origin", "feature");
    expect(await git.fastForward("origin/feature")).toBe(true);
    expect(await git.resolveRef("HEAD")).toBe(await git.resolveRef("origin/feature"));
    await sandbox.commitFile(clone, "mine.txt", "mine\n", "Mine");
    await sandbox.commitFile(person, "person2.txt", "more\n", "More from a person");
    await sandbox.git(person, ["push", "-q", "origin", "feature"]);
    await git.fetch("origin", "feature");
    expect(await git.fastForward("origin/feature")).toBe(false);
  });
});
