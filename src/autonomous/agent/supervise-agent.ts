import { formatAge } from "../../domain/format-age.js";
import type { AgentLog } from "./agent-log.js";
import { isProcessGroupAlive, killProcessGroup } from "./kill-process-group.js";
import type { AgentRunOutcome, AgentRunRequest } from "./run-agent.js";
import type { AgentExit, StartedAgent } from "./spawn-agent.js";
import { startHeartbeat, watchDeadline } from "./watch-timeouts.js";

/** How long output may still arrive once the group is gone (data already in the pipes). */
const DRAIN_MS = 500;

type StopReason = Exclude<AgentRunOutcome, "exited" | "spawn-failed">;

export interface SuperviseContext {
  request: AgentRunRequest;
  log: AgentLog;
  logFile: string;
  /** Monotonic time of the latest output, for the idle timeout. */
  lastOutputAt: () => number;
  onHeartbeatError: (message: string) => void;
  /** Aborted, with the figures as its reason, when the agent's reported cost passes its limit. */
  overSpend?: AbortSignal;
}

export interface Supervised {
  outcome: AgentRunOutcome;
  exit: AgentExit;
  startError?: unknown;
}

/**
 * Watches a started agent until it and every process of its group are gone: timeouts, abort and
 * heartbeats while it runs; after it exits, stops whatever it left running in its group.
 */
export async function superviseAgent(agent: StartedAgent, context: SuperviseContext): Promise<Supervised> {
  const { request, log } = context;
  const pgid = agent.pid;
  const spawnedAt = performance.now();
  let stopReason: StopReason | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (reason: StopReason, why: string) => {
    if (stopping) return;
    stopReason = reason;
    log.note(`${why}; stopping the agent's process group ${pgid}`);
    stopping = stopGroup(pgid, request.killGraceMs, log);
  };

  const wall = watchDeadline(
    () => spawnedAt + request.timeoutMs,
    () => stop("timeout", `wall-clock timeout of ${formatMs(request.timeoutMs)} reached`),
  );
  const idle = watchDeadline(
    () => context.lastOutputAt() + request.idleTimeoutMs,
    () => stop("idle-timeout", `no output for ${formatMs(request.idleTimeoutMs)}`),
  );
  const onAbort = () => stop("aborted", "shutdown requested");
  request.signal?.addEventListener("abort", onAbort, { once: true });
  if (request.signal?.aborted) onAbort();
  const { overSpend } = context;
  const onOverSpend = () => stop("spend-limit", String(overSpend?.reason));
  overSpend?.addEventListener("abort", onOverSpend, { once: true });
  if (overSpend?.aborted) onOverSpend();
  // Once the agent has exited, nothing may change the outcome while its leftovers are stopped.
  const stopWatching = () => {
    wall.stop();
    idle.stop();
    request.signal?.removeEventListener("abort", onAbort);
    overSpend?.removeEventListener("abort", onOverSpend);
  };
  const heartbeat =
    request.onHeartbeat && request.heartbeatIntervalMs !== undefined
      ? startHeartbeat(request.heartbeatIntervalMs, request.onHeartbeat, (error) => {
          const message = messageOf(error);
          log.note(`heartbeat failed: ${message}`, { tail: false });
          context.onHeartbeatError(message);
        })
      : undefined;

  let startError: unknown;
  let exit: AgentExit;
  try {
    try {
      await request.onStart?.({ pid: pgid, pgid, logFile: context.logFile });
    } catch (error) {
      // Without its checkpoint the agent could not be found after a crash: do not let it run.
      startError = error ?? new Error("onStart failed");
      stop("aborted", `recording the agent's start failed (${messageOf(error)})`);
    }
    exit = await agent.exited;
    stopWatching();
    log.note(describeExit(exit, performance.now() - spawnedAt));
    if (stopping) {
      await stopping;
    } else if (isProcessGroupAlive(pgid)) {
      log.note(`the agent left processes running in its group ${pgid}; stopping them`);
      await stopGroup(pgid, request.killGraceMs, log);
    }
  } finally {
    stopWatching();
    await heartbeat?.stop();
  }
  await settleWithin(agent.closed, DRAIN_MS);
  agent.detachOutput();
  return { outcome: stopReason ?? "exited", exit, ...(startError === undefined ? {} : { startError }) };
}

async function stopGroup(pgid: number, graceMs: number, log: AgentLog): Promise<void> {
  try {
    const result = await killProcessGroup(pgid, graceMs);
    if (result === "killed")
      log.note(`process group ${pgid} was still running ${formatMs(graceMs)} after SIGTERM; sent SIGKILL`);
    else if (result === "terminated") log.note(`process group ${pgid} stopped after SIGTERM`);
  } catch (error) {
    log.note(`could not stop process group ${pgid}: ${messageOf(error)}`);
  }
}

function describeExit(exit: AgentExit, ms: number): string {
  const how =
    exit.code !== null ? `exited with code ${exit.code}` : `was ended by ${exit.signal ?? "an unknown signal"}`;
  return `the agent ${how} after ${formatMs(ms)}`;
}

function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "forever";
  return ms < 10_000 ? `${Math.round(ms)} ms` : formatAge(ms / 1000);
}

async function settleWithin(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
