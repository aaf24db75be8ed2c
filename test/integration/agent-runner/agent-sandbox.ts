import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { AgentRunRequest } from "../../../src/autonomous/agent/run-agent.js";

/** A temporary worktree and state directory, and agents written as small Node scripts. */
export interface AgentSandbox {
  root: string;
  worktree: string;
  stateDir: string;
  /** Writes `source` as an ES module script; returns its path. */
  writeAgent(name: string, source: string): Promise<string>;
  /** A request running `node <script> ...args`, with generous limits unless overridden. */
  request(script: string, overrides?: Partial<AgentRunRequest> & { args?: string[] }): AgentRunRequest;
  readJson<T>(file: string): Promise<T>;
  cleanup(): Promise<void>;
}

export async function createAgentSandbox(): Promise<AgentSandbox> {
  // realpath: on macOS the temp dir is a symlink, and process.cwd() reports the resolved path.
  const root = await realpath(await mkdtemp(join(tmpdir(), "mls-agent-")));
  const worktree = join(root, "worktree");
  const stateDir = join(root, "state", ".my-little-soda");
  await mkdir(worktree, { recursive: true });
  return {
    root,
    worktree,
    stateDir,
    async writeAgent(name, source) {
      const path = join(root, `${name}.mjs`);
      await writeFile(path, source);
      return path;
    },
    request(script, { args = [], ...overrides } = {}) {
      return {
        argv: [process.execPath, script, ...args],
        cwd: worktree,
        env: { PATH: process.env.PATH, SODA_TEST_BASE: "from the base environment" },
        issue: { number: 7, title: "Make it fizz", url: "https://github.com/acme/widgets/issues/7", body: "body" },
        branch: "agent001/7-make-it-fizz",
        prompt: "Do the thing.\n",
        stateDir,
        timeoutMs: 10_000,
        idleTimeoutMs: 10_000,
        killGraceMs: 500,
        ...overrides,
      };
    },
    async readJson(file) {
      return JSON.parse(await readFile(file, "utf8"));
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** Gone, or a zombie nobody has reaped yet (where PID 1 does not reap orphans). */
export function isPidGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return true;
    throw error;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/**
 * An agent module that starts a grandchild in its own process group (the default for a child),
 * writes the grandchild's pid to argv[2], and prints "ready" once it has. `grandchildIgnoresTerm`
 * makes the grandchild survive SIGTERM.
 */
export function grandchildStarter(opts: { grandchildIgnoresTerm: boolean; then: string }): string {
  const grandchild = opts.grandchildIgnoresTerm
    ? `process.on("SIGTERM", () => {}); console.log("grandchild ready"); setInterval(() => {}, 1000);`
    : `console.log("grandchild ready"); setInterval(() => {}, 1000);`;
  return `
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
const child = spawn(process.execPath, ["-e", ${JSON.stringify(grandchild)}], { stdio: ["ignore", "pipe", "inherit"] });
child.stdout.once("data", (data) => {
  process.stdout.write(data);
  writeFileSync(process.argv[2], String(child.pid));
  console.log("ready");
  ${opts.then}
});
`;
}
