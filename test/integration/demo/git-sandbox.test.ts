import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitSandbox, type GitSandbox } from "../../../src/demo/git-sandbox.js";

let sandbox: GitSandbox;

beforeAll(async () => {
  sandbox = await createGitSandbox();
});
afterAll(() => sandbox.cleanup());

describe("git sandbox", () => {
  it("isolates HOME and git configuration and fixes an identity", () => {
    expect(sandbox.env["HOME"]).toBe(sandbox.home);
    expect(sandbox.home.startsWith(sandbox.root)).toBe(true);
    expect(sandbox.env).toMatchObject({
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_TERMINAL_PROMPT: "0",
    });
    expect(sandbox.env["GIT_AUTHOR_NAME"]).toBeTruthy();
    expect(sandbox.env["GIT_COMMITTER_EMAIL"]).toBeTruthy();
  });

  it("creates a bare origin with one commit holding the given files on the default branch", async () => {
    const origin = await sandbox.createOrigin("tree", {
      defaultBranch: "trunk",
      files: { "a.txt": "A\n", "dir/b.txt": "B\n" },
    });
    expect(await sandbox.git(origin, ["rev-parse", "--is-bare-repository"])).toBe("true");
    expect(await sandbox.git(origin, ["symbolic-ref", "HEAD"])).toBe("refs/heads/trunk");
    expect(await sandbox.git(origin, ["rev-list", "--count", "trunk"])).toBe("1");
    expect((await sandbox.git(origin, ["ls-tree", "-r", "--name-only", "trunk"])).split("\n")).toEqual([
      "a.txt",
      "dir/b.txt",
    ]);
  });

  it("clones with a github.com-looking origin that still fetches from and pushes to the bare repo", async () => {
    const origin = await sandbox.createOrigin("remote");
    const url = "https://github.com/acme/remote.git";
    const clone = await sandbox.clone(origin, "remote-clone", { remoteUrl: url });
    // `git remote get-url` applies the insteadOf rewrite; the configured value is what tools parse.
    expect(await sandbox.git(clone, ["config", "--get", "remote.origin.url"])).toBe(url);
    expect(await sandbox.git(clone, ["remote", "get-url", "origin"])).toBe(origin);
    await sandbox.git(clone, ["checkout", "-q", "-b", "feature"]);
    const sha = await sandbox.commitFile(clone, "nested/new.txt", "new\n", "Add new");
    expect(await readFile(join(clone, "nested/new.txt"), "utf8")).toBe("new\n");
    expect(await sandbox.git(clone, ["rev-parse", "HEAD"])).toBe(sha);
    await sandbox.git(clone, ["push", "-q", "origin", "feature"]);
    expect(await sandbox.git(origin, ["rev-parse", "refs/heads/feature"])).toBe(sha);
    await sandbox.git(clone, ["fetch", "-q", "origin"]);
    expect(await sandbox.git(clone, ["rev-parse", "origin/feature"])).toBe(sha);
  });

  it("rejects with git's stderr when a command fails", async () => {
    await expect(sandbox.git(sandbox.root, ["rev-parse", "--verify", "no-such-ref"])).rejects.toThrow(
      /fatal|needed a single revision|not a git repository/,
    );
  });

  it("removes everything on cleanup", async () => {
    const other = await createGitSandbox();
    await other.createOrigin("gone");
    await other.cleanup();
    expect(existsSync(other.root)).toBe(false);
  });
});
