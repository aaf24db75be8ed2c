import { spawnSync, spawn } from "node:child_process";

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface GitRunOptions {
  /** Written to stdin; without it stdin is closed, so git never waits on it. */
  input?: string;
  env?: Record<string, string>;
}

/** The server's own git must not see the developer's configuration or a GIT_DIR leaking in from a hook. */
function gitEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith("GIT_")) env[key] = value;
  return {
    ...env,
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_TERMINAL_PROMPT: "0",
    LC_ALL: "C",
    ...extra,
  };
}

/** Never rejects on a non-zero exit: callers map git's exit codes to GitHub's answers. */
export function runGit(gitDir: string, args: string[], options: GitRunOptions = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const input = options.input;
    const child = spawn("git", [`--git-dir=${gitDir}`, ...args], {
      env: gitEnv(options.env ?? {}),
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      }),
    );
    if (child.stdin) {
      // git may exit before reading all of stdin (a bad object, say); its exit code tells the story.
      child.stdin.on("error", () => undefined);
      child.stdin.end(input);
    }
  });
}

/**
 * For the few FakeRepo helpers that must answer synchronously (older tests call them without
 * `await`): same environment, same never-throwing contract.
 */
export function runGitSync(gitDir: string, args: string[]): GitResult {
  const result = spawnSync("git", [`--git-dir=${gitDir}`, ...args], { env: gitEnv({}), encoding: "utf8" });
  return { code: result.status ?? -1, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}
