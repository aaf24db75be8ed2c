import { appendFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { simpleGit, type SimpleGit } from "simple-git";
import { GitError, MergeConflictError, PushRejectedError } from "../errors/index.js";
import type { GitWorkspace, MergeOutcome, WorkingTreeStatus } from "../core/ports.js";

export interface GitWorkspaceOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * The one place simple-git is constructed.
 *
 * SPEAK_UP: simple-git waits 50 ms more for a git process that printed nothing before it calls
 * the command done (its completion plugin, not configurable). Commands on the hot path are run
 * without --quiet, so they always print (to output nobody reads) and never pay it: three of
 * them cost `pop` 150 ms (design §9).
 */
export function createGitWorkspace(options: GitWorkspaceOptions): GitWorkspace {
  // A command is done when git closed its output (all of it read). simple-git's default also
  // arms a 50 ms timer at every exit, which keeps a finished CLI process alive that long.
  const git = simpleGit({
    baseDir: options.cwd,
    unsafe: TRUSTED_ENVIRONMENT,
    completion: { onClose: true, onExit: false },
  });
  // An inherited environment needs no passing; simple-git vets only one handed to it.
  if (options.env && options.env !== process.env) git.env(stripUndefined(options.env));
  return new SimpleGitWorkspace(git, options.cwd);
}

/**
 * simple-git refuses environment variables that point git at programs or config files
 * (EDITOR, PAGER, GIT_CONFIG_GLOBAL, GIT_SSH_COMMAND…) unless allowed. The environment we pass
 * is the user's own (or a test's), never text from an issue, so those are allowed; nothing
 * that reaches git's argv comes from outside without being slugified first.
 */
const TRUSTED_ENVIRONMENT = {
  allowUnsafeConfigPaths: true,
  allowUnsafeConfigEnvCount: true,
  allowUnsafeEditor: true,
  allowUnsafePager: true,
  allowUnsafeAskPass: true,
  allowUnsafeSshCommand: true,
  allowUnsafeGitProxy: true,
  allowUnsafeCredentialHelper: true,
};

class SimpleGitWorkspace implements GitWorkspace {
  private topLevel: Promise<string> | undefined;

  constructor(
    private readonly git: SimpleGit,
    private readonly cwd: string,
  ) {}

  root(): Promise<string> {
    this.topLevel ??= this.git
      .revparse(["--show-toplevel"])
      .then((out) => out.trim())
      .catch((error: unknown) => {
        throw new GitError(`${this.cwd} is not inside a git repository`, {
          cause: error,
          hint: "run my-little-soda inside a clone of the repository (or `git init` one first)",
        });
      });
    return this.topLevel;
  }

  async remoteUrl(remote: string): Promise<string | undefined> {
    await this.root();
    // `git config` gives the URL as written; `git remote -v` would apply insteadOf rewrites.
    const value = await this.git.raw(["config", "--get", `remote.${remote}.url`]).catch(() => "");
    return value.trim() || undefined;
  }

  async currentBranch(): Promise<string | undefined> {
    await this.root();
    const name = await this.run("read the current branch", () =>
      this.git.raw(["symbolic-ref", "--quiet", "--short", "HEAD"]).catch(() => ""),
    );
    return name.trim() || undefined;
  }

  async status(): Promise<WorkingTreeStatus> {
    await this.root();
    const status = await this.run("read the working tree status", () => this.git.status());
    const changed = status.files.filter((file) => file.index !== "?" && file.index !== "!").map((file) => file.path);
    return { changedTrackedFiles: changed, untrackedFiles: status.not_added };
  }

  async countCommitsAhead(base: string, head: string): Promise<number> {
    await this.root();
    const out = await this.run(`count commits from ${base} to ${head}`, () =>
      this.git.raw(["rev-list", "--count", `${base}..${head}`]),
    );
    return Number(out.trim());
  }

  async hasRef(ref: string): Promise<boolean> {
    await this.root();
    return (await this.resolveRef(ref)) !== undefined;
  }

  async resolveRef(ref: string): Promise<string | undefined> {
    await this.root();
    // Not --quiet (see SPEAK_UP): an unknown ref says "fatal: Needed a single revision" and rejects.
    const out = await this.git.raw(["rev-parse", "--verify", `${ref}^{commit}`]).catch(() => "");
    return out.trim() || undefined;
  }

  async fetch(remote: string, branch: string): Promise<void> {
    await this.run(`fetch ${branch} from ${remote}`, () =>
      this.git.raw(["fetch", "--verbose", remote, `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`]),
    );
  }

  async createAndCheckoutBranch(branch: string, startPoint: string): Promise<void> {
    // --no-track: the branch is pushed under its own name later, never to the base branch.
    await this.run(`create the branch ${branch}`, () =>
      this.git.raw(["checkout", "--no-track", "-b", branch, startPoint]),
    );
  }

  async checkout(branch: string): Promise<void> {
    await this.run(`check out ${branch}`, () => this.git.raw(["checkout", branch]));
  }

  async addWorktree(path: string, branch: string, startPoint: string): Promise<void> {
    const exists = (await this.resolveRef(`refs/heads/${branch}`)) !== undefined;
    const args = exists
      ? ["worktree", "add", path, branch]
      : ["worktree", "add", "--no-track", "-b", branch, path, startPoint];
    await this.run(`add a worktree for ${branch}`, () =>
      this.git.raw(args).catch(async (error: unknown) => {
        // Its directory was deleted (the state directory removed, a fresh runner's cache) while
        // git still lists it: forget worktrees whose directories are gone, then add it again.
        if (!/already (registered|checked out|used by worktree)/.test(messageOf(error))) throw error;
        await this.git.raw(["worktree", "prune"]);
        return this.git.raw(args);
      }),
    );
  }

  async removeWorktree(worktreePath: string): Promise<void> {
    await this.run(`remove the worktree ${worktreePath}`, () =>
      this.git.raw(["worktree", "remove", "--force", worktreePath]),
    );
  }

  async commitAll(message: string): Promise<string | undefined> {
    await this.run("stage the working tree", () => this.git.raw(["add", "--all"]));
    const staged = await this.run("read the staged changes", () => this.git.raw(["diff", "--cached", "--name-only"]));
    if (staged.trim() === "") return undefined;
    await this.run("commit the staged changes", () => this.git.raw(["commit", "--no-verify", "-m", message]));
    return this.resolveRef("HEAD");
  }

  async rebase(upstream: string): Promise<void> {
    try {
      await this.git.raw(["rebase", "--quiet", upstream]);
    } catch (error) {
      // Whether it stopped on a conflict is git's index state, not the wording of its message.
      const conflicted = await this.unmergedFiles().catch(() => []);
      if (conflicted.length === 0) {
        throw new GitError(`git could not rebase onto ${upstream}: ${firstLine(messageOf(error))}`, {
          cause: error,
          hint: "run the rebase yourself to see the whole message",
        });
      }
      await this.git.raw(["rebase", "--abort"]).catch(() => undefined);
      throw new MergeConflictError(
        `rebasing onto ${upstream} conflicts in ${conflicted.slice(0, 3).join(", ")}${conflicted.length > 3 ? " …" : ""}; the rebase was aborted`,
        {
          cause: error,
          files: conflicted,
          hint: `rebase onto ${upstream} yourself and resolve the conflicts`,
        },
      );
    }
  }

  async push(remote: string, branch: string, remoteBranch = branch): Promise<void> {
    try {
      await this.git.raw(["push", "--porcelain", remote, `refs/heads/${branch}:refs/heads/${remoteBranch}`]);
    } catch (error) {
      const message = messageOf(error);
      const rejected = rejectionIn(message);
      if (rejected !== undefined) {
        throw new PushRejectedError(`the push of ${branch} to ${remote}/${remoteBranch} was rejected (${rejected})`, {
          cause: error,
          remoteBranch,
          hint: `someone changed ${remote}/${remoteBranch} (or it is protected); fetch it, reconcile, and run the command again`,
        });
      }
      throw new GitError(`git could not push ${branch}: ${firstLine(message)}`, {
        cause: error,
        hint: "check the remote and your credentials for git (not only the API token)",
      });
    }
  }

  async listCommits(base: string, head: string): Promise<Array<{ sha: string; subject: string }>> {
    const out = await this.run(`list commits from ${base} to ${head}`, () =>
      this.git.raw(["log", "--reverse", "--format=%H%x09%s", `${base}..${head}`]),
    );
    return out
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => {
        const [sha = "", ...subject] = line.split("\t");
        return { sha, subject: subject.join("\t") };
      });
  }

  async listBranches(prefix: string): Promise<string[]> {
    const out = await this.run("list branches", () =>
      this.git.raw(["for-each-ref", "--format=%(refname:short)", `refs/heads/${prefix}*`]),
    );
    return out
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "");
  }

  async deleteBranch(branch: string): Promise<void> {
    // -D after our own check (isAncestor) that nothing would be lost; -d would consult upstream config we never set.
    await this.run(`delete the branch ${branch}`, () => this.git.raw(["branch", "-D", branch]));
  }

  async excludeLocally(patterns: readonly string[]): Promise<void> {
    const root = await this.root();
    const file = path.resolve(root, (await this.git.raw(["rev-parse", "--git-path", "info/exclude"])).trim());
    const current = await readFile(file, "utf8").catch(() => "");
    const lines = new Set(current.split("\n").map((line) => line.trim()));
    const missing = patterns.filter((pattern) => !lines.has(pattern));
    if (missing.length === 0) return;
    await mkdir(path.dirname(file), { recursive: true });
    await appendFile(file, `${current === "" || current.endsWith("\n") ? "" : "\n"}${missing.join("\n")}\n`);
  }

  async rememberLease(agentId: string, leaseSha: string): Promise<void> {
    // Silent, so it pays simple-git's 50 ms (SPEAK_UP): pop runs it while GitHub answers.
    await this.run(`note the lease of ${agentId}`, () => this.git.raw(["config", leaseKey(agentId), leaseSha]));
  }

  async rememberedLease(agentId: string): Promise<string | undefined> {
    // --default: an empty line rather than silence when unset (see SPEAK_UP).
    const out = await this.git.raw(["config", "--get", "--default=", leaseKey(agentId)]).catch(() => "");
    return out.trim() || undefined;
  }

  async isLinkedWorktree(): Promise<boolean> {
    const out = await this.run("locate the git directory", () =>
      this.git.raw(["rev-parse", "--git-dir", "--git-common-dir"]),
    );
    const [gitDir, commonDir] = out.trim().split("\n");
    return gitDir !== commonDir;
  }

  async isAncestor(ref: string, target: string): Promise<boolean> {
    // Not `merge-base --is-ancestor`: it answers "no" by exit code alone, with nothing on stderr,
    // and simple-git resolves such a run — every branch would look merged. Counting the commits
    // of `ref` missing from `target` has an answer in its output; an unknown ref counts as "no".
    const out = await this.git.raw(["rev-list", "--count", `${target}..${ref}`, "--"]).catch(() => "");
    return out.trim() === "0";
  }

  async merge(upstream: string, message: string): Promise<MergeOutcome> {
    const before = await this.resolveRef("HEAD");
    // git reports a conflicted merge on stdout with exit code 1, which simple-git resolves like
    // a success: the unmerged files, not the promise, say how it went.
    const failure = await this.git
      .raw(["merge", "--quiet", "--no-edit", "-m", message, upstream])
      .then(() => undefined)
      .catch((error: unknown) => error);
    const files = await this.unmergedFiles();
    if (files.length > 0) return { outcome: "conflict", files };
    if (failure !== undefined || (await this.mergeInProgress())) {
      await this.git.raw(["merge", "--abort"]).catch(() => undefined);
      throw new GitError(
        `git could not merge ${upstream}: ${firstLine(failure instanceof Error ? failure.message : String(failure))}`,
        { cause: failure, hint: "run the merge yourself to see the whole message" },
      );
    }
    return (await this.resolveRef("HEAD")) === before ? { outcome: "up-to-date" } : { outcome: "merged" };
  }

  async unmergedFiles(): Promise<string[]> {
    const out = await this.run("list unmerged files", () => this.git.raw(["diff", "--name-only", "--diff-filter=U"]));
    return out
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "");
  }

  async mergeInProgress(): Promise<boolean> {
    return (await this.resolveRef("MERGE_HEAD")) !== undefined;
  }

  async abortMerge(): Promise<void> {
    await this.run("abort the merge", () => this.git.raw(["merge", "--abort"]));
  }

  async fastForward(ref: string): Promise<boolean> {
    try {
      await this.git.raw(["merge", "--quiet", "--ff-only", ref]);
      return true;
    } catch {
      return false;
    }
  }

  async pushWithLease(remote: string, branch: string, expectedRemoteSha: string): Promise<void> {
    try {
      await this.git.raw([
        "push",
        "--porcelain",
        `--force-with-lease=refs/heads/${branch}:${expectedRemoteSha}`,
        remote,
        `refs/heads/${branch}:refs/heads/${branch}`,
      ]);
    } catch (error) {
      const message = messageOf(error);
      const rejected = rejectionIn(message);
      if (rejected === undefined) {
        throw new GitError(`git could not push ${branch}: ${firstLine(message)}`, {
          cause: error,
          hint: "check the remote and your credentials for git (not only the API token)",
        });
      }
      throw new PushRejectedError(
        `the push of ${branch} was refused: ${remote}/${branch} moved since it was read (${rejected})`,
        {
          cause: error,
          remoteBranch: branch,
          hint: `someone pushed to ${remote}/${branch}; fetch it and reconcile`,
        },
      );
    }
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    const out = await this.git.raw(["merge-base", a, b]).catch(() => "");
    return out.trim() || undefined;
  }

  async commitTime(ref: string): Promise<Date | undefined> {
    const out = await this.git.raw(["show", "-s", "--format=%cI", ref, "--"]).catch(() => "");
    const time = new Date(out.trim());
    return Number.isNaN(time.getTime()) ? undefined : time;
  }

  private async run<T>(what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw new GitError(`git failed to ${what}: ${firstLine(messageOf(error))}`, {
        cause: error,
        hint: "run the git command yourself to see the whole message",
      });
    }
  }
}

/**
 * Why the remote refused a push, from `git push --porcelain`'s machine-readable status lines
 * (`!<TAB>src:dst<TAB>[rejected] (fetch first)`, `… [remote rejected] (protected branch hook
 * declined)`; git prints them even when the push fails), or undefined when nothing was refused.
 */
function rejectionIn(output: string): string | undefined {
  for (const line of output.split("\n")) {
    const [flag, , summary] = line.split("\t");
    if (flag !== "!" || summary === undefined) continue;
    return /\((.*)\)\s*$/.exec(summary)?.[1] ?? summary.trim();
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .find((line) => line.trim() !== "")
      ?.trim() ?? text
  );
}

function stripUndefined(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** One per agent id, overwritten by its next claim from this clone. */
function leaseKey(agentId: string): string {
  return `mylittlesoda.${agentId}.lease`;
}
