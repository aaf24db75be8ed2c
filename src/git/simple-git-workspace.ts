import { simpleGit, type SimpleGit } from "simple-git";
import { GitError } from "../errors/index.js";
import type { GitWorkspace, WorkingTreeStatus } from "../core/ports.js";

export interface GitWorkspaceOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

/** The one place simple-git is constructed. */
export function createGitWorkspace(options: GitWorkspaceOptions): GitWorkspace {
  const git = simpleGit({ baseDir: options.cwd, unsafe: TRUSTED_ENVIRONMENT });
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
    const name = await this.run("read the current branch", () => this.git.raw(["symbolic-ref", "--quiet", "--short", "HEAD"]).catch(() => ""));
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
    const out = await this.git.raw(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]).catch(() => "");
    return out.trim() !== "";
  }

  private async run<T>(what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw new GitError(`git failed to ${what}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`, {
        cause: error,
      });
    }
  }
}

function stripUndefined(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
