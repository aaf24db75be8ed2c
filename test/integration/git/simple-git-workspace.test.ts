import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GitWorkspace } from "../../../src/core/ports.js";
import { GitError, MergeConflictError, PushRejectedError } from "../../../src/errors/index.js";
import { createGitWorkspace } from "../../../src/git/simple-git-workspace.js";
import { createGitSandbox, type GitSandbox } from "../../../src/demo/git-sandbox.js";

let sandbox: GitSandbox;
let origin: string;
let clone: string;
let git: GitWorkspace;
beforeEach(async () => {
  sandbox = await createGitSandbox();
  origin = await sandbox.createOrigin("repo");
  clone = await sandbox.clone(origin, "clone");
  git = createGitWorkspace({ cwd: clone, env: sandbox.env });
});
afterEach(async () => {
  await sandbox.cleanup();
});

describe("SimpleGitWorkspace", () => {
  // reset deletes a branch only when isAncestor says every commit of it is on the remote base.
  it("isAncestor: true for a branch at or behind the target, false for one with a commit of its own or an unknown ref", async () => {
    await sandbox.git(clone, ["branch", "fresh"]);
    await sandbox.git(clone, ["checkout", "-q", "-b", "ahead"]);
    await sandbox.commitFile(clone, "work.txt", "work\n", "Work");
    expect(await git.isAncestor("fresh", "origin/main")).toBe(true);
    expect(await git.isAncestor("origin/main", "ahead")).toBe(true);
    expect(await git.isAncestor("ahead", "origin/main")).toBe(false);
    expect(await git.isAncestor("no-such-branch", "origin/main")).toBe(false);
  });

  it("excludeLocally hides state on every branch, and adds each pattern once", async () => {
    const patterns = ["/.my-little-soda/*", "!/.my-little-soda/prompt.md"];
    await git.excludeLocally(patterns);
    await git.excludeLocally(patterns);
    const exclude = await readFile(path.join(clone, ".git/info/exclude"), "utf8");
    expect(exclude.split("\n").filter((line) => patterns.includes(line))).toEqual(patterns);
    await mkdir(path.join(clone, ".my-little-soda"), { recursive: true });
    await writeFile(path.join(clone, ".my-little-soda/state.db"), "x");
    await writeFile(path.join(clone, ".my-little-soda/prompt.md"), "prompt");
    expect((await git.status()).untrackedFiles).toEqual([".my-little-soda/prompt.md"]);
  });

  it("rememberLease notes an agent's latest lease in the clone's config, seen from its worktrees too", async () => {
    expect(await git.rememberedLease("agent001")).toBeUndefined();
    await git.rememberLease("agent001", "a".repeat(40));
    await git.rememberLease("agent.002", "c".repeat(40));
    expect(await git.rememberedLease("agent001")).toBe("a".repeat(40));
    expect(await git.rememberedLease("agent.002")).toBe("c".repeat(40));
    expect(await git.rememberedLease("agent003")).toBeUndefined();
    await git.addWorktree(path.join(clone, "..", "wt"), "agent001/9-wt", "origin/main");
    const worktree = createGitWorkspace({ cwd: path.join(clone, "..", "wt"), env: sandbox.env });
    await worktree.rememberLease("agent001", "b".repeat(40));
    expect(await git.rememberedLease("agent001")).toBe("b".repeat(40));
  });

  it("listBranches lists the branches under a prefix, and only those", async () => {
    for (const branch of ["agent001/12-fizz", "agent001/12-buzz", "agent001/123-other", "agent002/12-fizz"]) {
      await sandbox.git(clone, ["branch", branch]);
    }
    expect((await git.listBranches("agent001/12-")).sort()).toEqual(["agent001/12-buzz", "agent001/12-fizz"]);
  });

  // The adapter is the boundary: git's refusals become typed errors here, not by reading messages later.
  describe("translates git's refusals", () => {
    it("a push to a branch that moved on → PushRejectedError (push-rejected), the remote untouched", async () => {
      const other = await sandbox.clone(origin, "other");
      await sandbox.git(clone, ["checkout", "-q", "-b", "agent001/1-x"]);
      await sandbox.commitFile(clone, "mine.txt", "mine\n", "Mine");
      await git.push("origin", "agent001/1-x");
      await sandbox.git(other, ["fetch", "-q", "origin"]);
      await sandbox.git(other, ["checkout", "-q", "-b", "agent001/1-x", "origin/agent001/1-x"]);
      await sandbox.commitFile(other, "theirs.txt", "theirs\n", "Theirs");
      await sandbox.git(other, ["push", "-q", "origin", "agent001/1-x"]);
      const theirs = await sandbox.git(origin, ["rev-parse", "refs/heads/agent001/1-x"]);
      await sandbox.commitFile(clone, "more.txt", "more\n", "More");

      const error = await git.push("origin", "agent001/1-x").catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(PushRejectedError);
      expect(error).toMatchObject({
        reason: "push-rejected",
        retryable: false,
        exitCode: 5,
        remoteBranch: "agent001/1-x",
      });
      expect((error as Error).message).toMatch(/rejected \((fetch first|non-fast-forward)\)/);
      expect(await sandbox.git(origin, ["rev-parse", "refs/heads/agent001/1-x"])).toBe(theirs);
    });

    it("a push the remote's hook declines (a protected branch) → PushRejectedError", async () => {
      const hook = path.join(origin, "hooks", "pre-receive");
      await writeFile(hook, "#!/bin/sh\necho 'protected branch' >&2\nexit 1\n", { mode: 0o755 });
      await sandbox.commitFile(clone, "x.txt", "x\n", "X");
      const error = await git.push("origin", "main").catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PushRejectedError);
      expect((error as Error).message).toMatch(/rejected \(pre-receive hook declined\)/);
    });

    it("a push to a remote that is not there is a plain GitError (git), not a rejection", async () => {
      const error = await git.push("nowhere", "main").catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(GitError);
      expect(error).not.toBeInstanceOf(PushRejectedError);
      expect((error as GitError).reason).toBe("git");
    });

    it("a rebase onto a conflicting base → MergeConflictError (merge-conflict), aborted, the branch as it was", async () => {
      const other = await sandbox.clone(origin, "other");
      await sandbox.commitFile(other, "README.md", "theirs\n", "Theirs");
      await sandbox.git(other, ["push", "-q", "origin", "main"]);
      await sandbox.git(clone, ["checkout", "-q", "-b", "work"]);
      const mine = await sandbox.commitFile(clone, "README.md", "mine\n", "Mine");
      await git.fetch("origin", "main");

      const error = await git.rebase("origin/main").catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(MergeConflictError);
      expect(error).toMatchObject({ reason: "merge-conflict", retryable: false, exitCode: 5, files: ["README.md"] });
      expect(await sandbox.git(clone, ["rev-parse", "HEAD"])).toBe(mine);
      expect(await git.currentBranch()).toBe("work");
      expect((await git.status()).changedTrackedFiles).toEqual([]);
    });

    it("a rebase without conflicts just happens", async () => {
      const other = await sandbox.clone(origin, "other");
      await sandbox.commitFile(other, "theirs.txt", "theirs\n", "Theirs");
      await sandbox.git(other, ["push", "-q", "origin", "main"]);
      await sandbox.git(clone, ["checkout", "-q", "-b", "work"]);
      await sandbox.commitFile(clone, "mine.txt", "mine\n", "Mine");
      await git.fetch("origin", "main");
      await git.rebase("origin/main");
      expect(await git.countCommitsAhead("origin/main", "HEAD")).toBe(1);
      expect(await git.isAncestor("origin/main", "HEAD")).toBe(true);
    });
  });
});
