import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Store } from "../../src/core/store-port.js";
import { openStore } from "../../src/store/open-store.js";
import type { World } from "./e2e-world.js";
import { BIN } from "./run-cli.js";
import { createScriptedAgent, type ScriptedAgent } from "../../src/demo/scripted-agent.js";

export interface LoopSetup {
  verify?: string[];
  maxAttempts?: number;
  idleTimeoutMinutes?: number;
  timeoutMinutes?: number;
  leaseMinutes?: number;
  driftIntervalSeconds?: number;
  maxCommitsBehindBase?: number;
  maxCostUsdPerIssue?: number;
  maxCostUsdPerRun?: number;
}

/** A scripted agent in the world's sandbox, written into my-little-soda.toml with the loop's settings. */
export async function configureLoop(world: World, setup: LoopSetup = {}): Promise<ScriptedAgent> {
  const agent = await createScriptedAgent(path.join(world.sandbox.root, "agent"));
  const file = path.join(world.clone, "my-little-soda.toml");
  let toml = await readFile(file, "utf8");
  toml = toml.replace("[autonomous]\n", `[autonomous]\nagent_command = ${JSON.stringify(agent.argv)}\n`);
  toml = toml.replace(/^max_attempts_per_issue = .*$/m, `max_attempts_per_issue = ${setup.maxAttempts ?? 3}`);
  if (setup.idleTimeoutMinutes !== undefined)
    toml = toml.replace(/^idle_timeout_minutes = .*$/m, `idle_timeout_minutes = ${setup.idleTimeoutMinutes}`);
  if (setup.timeoutMinutes !== undefined)
    toml = toml.replace(/^timeout_minutes = .*$/m, `timeout_minutes = ${setup.timeoutMinutes}`);
  if (setup.leaseMinutes !== undefined)
    toml = toml.replace("[autonomous]\n", `[autonomous]\nlease_minutes = ${setup.leaseMinutes}\n`);
  if (setup.driftIntervalSeconds !== undefined)
    toml = toml.replace("[autonomous]\n", `[autonomous]\ndrift_interval_seconds = ${setup.driftIntervalSeconds}\n`);
  if (setup.maxCommitsBehindBase !== undefined)
    toml = toml.replace("[autonomous]\n", `[autonomous]\nmax_commits_behind_base = ${setup.maxCommitsBehindBase}\n`);
  if (setup.maxCostUsdPerIssue !== undefined)
    toml = toml.replace("[autonomous]\n", `[autonomous]\nmax_cost_usd_per_issue = ${setup.maxCostUsdPerIssue}\n`);
  if (setup.maxCostUsdPerRun !== undefined)
    toml = toml.replace("[autonomous]\n", `[autonomous]\nmax_cost_usd_per_run = ${setup.maxCostUsdPerRun}\n`);
  if (setup.verify) toml = toml.replace(/^# verify = .*$/m, `verify = ${JSON.stringify(setup.verify)}`);
  await writeFile(file, toml);
  return agent;
}

export interface RunningCli {
  child: ChildProcess;
  output(): string;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** The built CLI in the background, to signal or kill it mid-run. */
export function startCli(world: World, args: string[], env: NodeJS.ProcessEnv = world.env): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: world.clone, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, output: () => stdout + stderr, done };
}

/**
 * Poll until `check` returns a value (not undefined/false), or fail after `timeoutMs`: a guard
 * against a hang, generous because a busy machine can make a loop several times slower.
 */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The clone's store, opened read-write as a separate process would (close it after use). */
export function openCloneStore(world: World): Store {
  return openStore({ path: path.join(world.clone, ".my-little-soda", "my-little-soda.db") });
}

/** Claim refs left on the origin (there must be none once the loop is done). */
export async function claimRefsOnOrigin(world: World): Promise<string[]> {
  const out = await world.sandbox.git(world.origin, ["for-each-ref", "--format=%(refname)", "refs/my-little-soda/"]);
  return out.split("\n").filter((line) => line.trim() !== "");
}

/**
 * Whether a process is running. A zombie is not: where PID 1 does not reap orphans (a container
 * without an init), a killed loop's agent lingers as one after it was stopped.
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}
