import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GitWorkspace } from "../../../src/core/ports.js";
import { createGitWorkspace } from "../../../src/git/simple-git-workspace.js";
import { createGitSandbox, type GitSandbox } from "../../../src/demo/git-sandbox.js";

let sandbox: GitSandbox;
let clone: string;
let git: GitWorkspace;
beforeEach(async () => {
  sandbox = await createGitSandbox();
  clone = await sandbox.clone(await sandbox.createOrigin("repo"), "clone");
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

  it("listBranches lists the branches under a prefix, and only those", async () => {
    for (const branch of ["agent001/12-fizz", "agent001/12-buzz", "agent001/123-other", "agent002/12-fizz"]) {
      await sandbox.git(clone, ["branch", branch]);
    }
    expect((await git.listBranches("agent001/12-")).sort()).toEqual(["agent001/12-buzz", "agent001/12-fizz"]);
  });
});
