import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AuditedWrite } from "../../../src/core/audit.js";
import type { GitWorkspace } from "../../../src/core/ports.js";
import { createGitSandbox, type GitSandbox } from "../../../src/demo/git-sandbox.js";
import { PushRejectedError } from "../../../src/errors/index.js";
import { auditGitWrites } from "../../../src/git/audit-git-writes.js";
import { createGitWorkspace } from "../../../src/git/simple-git-workspace.js";

let sandbox: GitSandbox;
let origin: string;
let clone: string;
let recorded: AuditedWrite[];
const open = (dir: string): GitWorkspace =>
  auditGitWrites(createGitWorkspace({ cwd: dir, env: sandbox.env }), async (write) => void recorded.push(write));

beforeEach(async () => {
  sandbox = await createGitSandbox();
  origin = await sandbox.createOrigin("repo");
  clone = await sandbox.clone(origin, "clone");
  recorded = [];
});
afterEach(async () => {
  await sandbox.cleanup();
});

describe("auditGitWrites: every git write through the port, with its outcome; reads are not", () => {
  it("records branch, worktree, commit, push and delete — and nothing for reads or an empty commit", async () => {
    const git = open(clone);
    await git.fetch("origin", "main");
    await git.createAndCheckoutBranch("agent001/1-x", "origin/main");
    await git.checkout("main");
    const worktree = path.join(clone, ".my-little-soda", "worktrees", "2-y");
    await git.addWorktree(worktree, "agent001/2-y", "origin/main");
    const inTree = open(worktree);
    expect(await inTree.commitAll("WIP: nothing")).toBeUndefined();
    await writeFile(path.join(worktree, "left.txt"), "left behind\n");
    const sha = await inTree.commitAll("WIP: left behind");
    await inTree.push("origin", "agent001/2-y");
    await git.removeWorktree(worktree);
    await git.deleteBranch("agent001/1-x");
    expect(await git.status()).toBeDefined();
    expect(await git.listBranches("agent001/")).toEqual(["agent001/2-y"]);

    expect(recorded).toEqual([
      {
        system: "git",
        action: "create-branch",
        target: "agent001/1-x",
        outcome: "ok",
        detail: { startPoint: "origin/main" },
      },
      { system: "git", action: "checkout", target: "main", outcome: "ok" },
      {
        system: "git",
        action: "add-worktree",
        target: worktree,
        outcome: "ok",
        detail: { branch: "agent001/2-y", startPoint: "origin/main" },
      },
      { system: "git", action: "commit", target: "agent001/2-y", outcome: "ok", detail: { worktree, sha } },
      {
        system: "git",
        action: "push",
        target: "origin/agent001/2-y",
        outcome: "ok",
        detail: { branch: "agent001/2-y" },
      },
      { system: "git", action: "remove-worktree", target: worktree, outcome: "ok" },
      { system: "git", action: "delete-branch", target: "agent001/1-x", outcome: "ok" },
    ]);
  });

  it("records a refused write with its reason, and still throws the typed error", async () => {
    const git = open(clone);
    await sandbox.commitFile(clone, "mine.txt", "mine\n", "Mine");
    const other = await sandbox.clone(origin, "other");
    await sandbox.commitFile(other, "theirs.txt", "theirs\n", "Theirs");
    await sandbox.git(other, ["push", "-q", "origin", "main"]);

    await expect(git.push("origin", "main")).rejects.toBeInstanceOf(PushRejectedError);
    expect(recorded).toEqual([
      {
        system: "git",
        action: "push",
        target: "origin/main",
        outcome: "error",
        detail: { branch: "main", reason: "push-rejected", message: expect.stringMatching(/was rejected/) },
      },
    ]);
  });
});
