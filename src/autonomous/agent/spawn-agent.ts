import { spawn } from "node:child_process";
import type { ChildProcessByStdio } from "node:child_process";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import type { OutputStream } from "./agent-log.js";

export interface AgentExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StartedAgent {
  /** Also the process group id: the agent leads a group (and session) of its own. */
  pid: number;
  /** The agent process itself has exited; processes it started may still run. */
  exited: Promise<AgentExit>;
  /** stdout and stderr have been read to the end. */
  closed: Promise<void>;
  /** Stop reading output: for a pipe still held open by a process that left the agent's group. */
  detachOutput(): void;
}

export type SpawnResult = { ok: true; agent: StartedAgent } | { ok: false; message: string };

/**
 * Starts argv directly (never through a shell) in a new process group, stdin closed, output
 * handed to `onOutput` from the first byte. A command that cannot start is an answer, not a throw.
 */
export async function spawnAgent(
  argv: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  onOutput: (source: OutputStream, chunk: Buffer) => void,
): Promise<SpawnResult> {
  const [command, ...args] = argv;
  if (!command) return { ok: false, message: "no agent command is configured ([autonomous] agent_command is empty)" };
  let child: ChildProcessByStdio<null, Readable, Readable>;
  try {
    child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    // Synchronous refusals: an argument or variable holding a NUL byte, a bad option.
    return { ok: false, message: `could not start ${JSON.stringify(command)}: ${messageOf(error)}` };
  }
  child.stdout.on("data", (chunk: Buffer) => onOutput("stdout", chunk));
  child.stderr.on("data", (chunk: Buffer) => onOutput("stderr", chunk));
  const exited = new Promise<AgentExit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const closed = new Promise<void>((resolve) => child.once("close", () => resolve()));

  const started = await new Promise<Error | undefined>((resolve) => {
    child.once("spawn", () => resolve(undefined));
    // Kept for the child's lifetime: an unhandled 'error' event would crash the loop.
    child.on("error", (error) => resolve(error));
  });
  if (started !== undefined || child.pid === undefined) {
    return { ok: false, message: await describeSpawnError(command, cwd, started) };
  }
  return {
    ok: true,
    agent: {
      pid: child.pid,
      exited,
      closed,
      detachOutput() {
        child.stdout.destroy();
        child.stderr.destroy();
      },
    },
  };
}

async function describeSpawnError(command: string, cwd: string, error: Error | undefined): Promise<string> {
  const code = error && "code" in error ? error.code : undefined;
  if (code === "ENOENT") {
    // spawn reports a missing working directory as ENOENT too.
    const cwdExists = await stat(cwd).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!cwdExists) return `could not start the agent: its working directory ${cwd} does not exist`;
    return command.includes("/")
      ? `could not start the agent: ${command} does not exist (check [autonomous] agent_command)`
      : `could not start the agent: ${JSON.stringify(command)} was not found on PATH (check [autonomous] agent_command)`;
  }
  if (code === "EACCES") return `could not start the agent: ${command} is not executable (permission denied)`;
  return `could not start the agent ${JSON.stringify(command)}: ${error ? error.message : "no process id"}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
