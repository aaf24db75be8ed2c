import { readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

export type KillGroupResult = "not-running" | "terminated" | "killed";

const POLL_MS = 20;
/** SIGKILL cannot be caught, but a process in uninterruptible sleep (D state) takes a moment. */
const AFTER_KILL_WAIT_MS = 5_000;

/**
 * Stops every process in a group: SIGTERM (and SIGCONT, so a stopped process gets to act on
 * it), then SIGKILL to whatever is left after `graceMs`. Resolves once the group is gone, or
 * after SIGKILL and a short wait. Used on the agent the runner started and, after a `kill -9`
 * of the loop, on the agent group recorded in the checkpoint (POSIX only).
 */
export async function killProcessGroup(pgid: number, graceMs: number): Promise<KillGroupResult> {
  assertGroupId(pgid);
  if (isOwnGroup(pgid))
    throw new RangeError(`refusing to signal process group ${pgid}: it is this process's own group`);
  if (!isProcessGroupAlive(pgid)) return "not-running";
  if (!signalGroup(pgid, "SIGTERM")) return "not-running";
  signalGroup(pgid, "SIGCONT");
  if (await waitUntilGone(pgid, graceMs)) return "terminated";
  if (!signalGroup(pgid, "SIGKILL")) return "terminated";
  await waitUntilGone(pgid, AFTER_KILL_WAIT_MS);
  return "killed";
}

/**
 * Whether any process of the group is still running. A zombie does not count: `kill(-pgid, 0)`
 * succeeds on a group of zombies, and where PID 1 does not reap orphans (a container without an
 * init) they linger indefinitely, so on Linux `/proc` is asked which members are really alive.
 * A group owned by another user (EPERM) counts as alive.
 */
export function isProcessGroupAlive(pgid: number): boolean {
  assertGroupId(pgid);
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    if (errorCode(error) === "ESRCH") return false;
    if (errorCode(error) === "EPERM") return true;
    throw error;
  }
  return hasLiveMemberInProc(pgid) ?? true;
}

async function waitUntilGone(pgid: number, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  for (;;) {
    if (!isProcessGroupAlive(pgid)) return true;
    const left = deadline - performance.now();
    if (left <= 0) return false;
    await sleep(Math.min(POLL_MS, left));
  }
}

/** false when the group no longer exists. */
function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if (errorCode(error) === "ESRCH") return false;
    if (errorCode(error) === "EPERM") {
      throw new Error(`not allowed to signal process group ${pgid} (it belongs to another user)`, { cause: error });
    }
    throw error;
  }
}

function assertGroupId(pgid: number): void {
  // kill(-0) would signal our own group and kill(-1) every process we may signal.
  if (!Number.isSafeInteger(pgid) || pgid < 2) throw new RangeError(`not a process group id: ${pgid}`);
}

function isOwnGroup(pgid: number): boolean {
  return pgid === process.pid || pgid === readStat("self")?.pgrp;
}

/** undefined where there is no Linux-style /proc. */
function hasLiveMemberInProc(pgid: number): boolean | undefined {
  if (readStat("self") === undefined) return undefined;
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat && stat.pgrp === pgid && stat.state !== "Z" && stat.state !== "X") return true;
  }
  return false;
}

function readStat(pid: string): { state: string; pgrp: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined; // no /proc, or the process went away meanwhile
  }
  // "pid (comm) state ppid pgrp …"; comm may itself hold spaces and parentheses.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const state = fields[0];
  const pgrp = Number(fields[2]);
  return state && Number.isInteger(pgrp) ? { state, pgrp } : undefined;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
    ? error.code
    : undefined;
}
