import { execFile } from "node:child_process";
import { mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

// Real git repositories in a temporary directory, isolated from the developer's configuration
// (design §10). Node built-ins only: `my-little-soda demo` uses it at runtime.

export interface GitSandbox {
  root: string;
  home: string;
  /** process.env with an isolated HOME and git configuration and a fixed identity. */
  env: NodeJS.ProcessEnv;
  /** A bare repository with one initial commit on the default branch; returns its path. */
  createOrigin(name: string, opts?: { defaultBranch?: string; files?: Record<string, string> }): Promise<string>;
  /**
   * A working clone. With `remoteUrl`, origin reads as that URL (say https://github.com/acme/widgets.git)
   * while a local `url.<origin>.insteadOf` rule still takes fetch and push to the bare repository.
   */
  clone(originPath: string, name: string, opts?: { remoteUrl?: string }): Promise<string>;
  /** Runs git with `env`; trimmed stdout, or an Error carrying stderr. */
  git(cwd: string, args: string[]): Promise<string>;
  /** Writes, stages and commits one file; returns the new commit's sha. */
  commitFile(cwd: string, file: string, content: string, message: string): Promise<string>;
  cleanup(): Promise<void>;
}

const IDENTITY = { name: "Sandbox Tester", email: "sandbox@example.com" };

function sandboxEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  // A GIT_DIR or GIT_INDEX_FILE inherited from a git hook would redirect every command.
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith("GIT_")) env[key] = value;
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: IDENTITY.name,
    GIT_AUTHOR_EMAIL: IDENTITY.email,
    GIT_COMMITTER_NAME: IDENTITY.name,
    GIT_COMMITTER_EMAIL: IDENTITY.email,
    GIT_TERMINAL_PROMPT: "0",
  };
}

function runGit(env: NodeJS.ProcessEnv, cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("git", args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`git ${args.join(" ")} (in ${cwd}) failed: ${stderr.trim() || error.message}`));
      else resolve(stdout.trim());
    });
  });
}

export async function createGitSandbox(): Promise<GitSandbox> {
  // realpath: on macOS the temp dir is a symlink, and git reports resolved paths.
  const root = await realpath(await mkdtemp(join(tmpdir(), "mls-git-")));
  const home = join(root, "home");
  await mkdir(home, { recursive: true });
  const env = sandboxEnv(home);
  const git = (cwd: string, args: string[]): Promise<string> => runGit(env, cwd, args);

  const commitFile = async (cwd: string, file: string, content: string, message: string): Promise<string> => {
    const target = join(cwd, file);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
    await git(cwd, ["add", "--", file]);
    await git(cwd, ["commit", "-q", "-m", message]);
    return git(cwd, ["rev-parse", "HEAD"]);
  };

  return {
    root,
    home,
    env,
    git,
    commitFile,

    async createOrigin(name, opts = {}) {
      const branch = opts.defaultBranch ?? "main";
      const origin = join(root, `${name}.git`);
      await git(root, ["init", "-q", "--bare", `--initial-branch=${branch}`, origin]);
      // Seed through a throwaway work tree: simpler than plumbing for nested files.
      const seed = await mkdtemp(join(root, `.seed-${name}-`));
      try {
        await git(seed, ["init", "-q", `--initial-branch=${branch}`]);
        const files = opts.files ?? { "README.md": `# ${name}\n` };
        for (const [file, content] of Object.entries(files)) {
          await mkdir(dirname(join(seed, file)), { recursive: true });
          await writeFile(join(seed, file), content);
        }
        await git(seed, ["add", "-A"]);
        await git(seed, ["commit", "-q", "--allow-empty", "-m", "Initial commit"]);
        await git(seed, ["push", "-q", origin, `HEAD:refs/heads/${branch}`]);
      } finally {
        await rm(seed, { recursive: true, force: true });
      }
      return origin;
    },

    async clone(originPath, name, opts = {}) {
      const dir = join(root, name);
      await git(root, ["clone", "-q", originPath, dir]);
      await git(dir, ["config", "user.name", IDENTITY.name]);
      await git(dir, ["config", "user.email", IDENTITY.email]);
      if (opts.remoteUrl) {
        await git(dir, ["remote", "set-url", "origin", opts.remoteUrl]);
        await git(dir, ["config", `url.${originPath}.insteadOf`, opts.remoteUrl]);
      }
      return dir;
    },

    async cleanup() {
      await rm(root, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
