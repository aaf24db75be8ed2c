import { describeSpend, formatUsd, type AgentSpend } from "../../domain/agent-spend.js";
import { agentEnvironment } from "./agent-env.js";
import { AgentLog } from "./agent-log.js";
import { createRunFiles } from "./run-files.js";
import { SpendMeter } from "./spend-meter.js";
import { spawnAgent } from "./spawn-agent.js";
import type { AgentExit } from "./spawn-agent.js";
import { superviseAgent } from "./supervise-agent.js";

export { isProcessGroupAlive, killProcessGroup } from "./kill-process-group.js";
export type { KillGroupResult } from "./kill-process-group.js";

export interface AgentRunRequest {
  /** The configured command; never run through a shell. */
  argv: readonly string[];
  /** The issue's worktree. */
  cwd: string;
  /** Base environment; the runner adds the MLS_* variables. */
  env: NodeJS.ProcessEnv;
  issue: { number: number; title: string; url: string; body: string };
  branch: string;
  /** Already built (`buildPrompt`); the runner writes it to a file. */
  prompt: string;
  /** The repository's `.my-little-soda`: prompts in `<stateDir>/prompts/`, logs in `<stateDir>/logs/`. */
  stateDir: string;
  /** Wall clock, from the start of the agent. `Infinity` for no limit. */
  timeoutMs: number;
  /** No output on stdout or stderr for this long. `Infinity` for no limit. */
  idleTimeoutMs: number;
  /**
   * Stop the agent once the cost it reports on stdout (`readSpendLine`) exceeds this many US
   * dollars. Omitted (or `Infinity`): no limit; the spend is still read and returned.
   */
  maxCostUsd?: number;
  /** SIGTERM to the group, then SIGKILL after this. */
  killGraceMs: number;
  /** How often `onHeartbeat` is called while the agent runs. */
  heartbeatIntervalMs?: number;
  /** The loop renews its claim lease here. Errors are recorded in the result, never fatal. */
  onHeartbeat?: () => Promise<void> | void;
  /**
   * Called once the agent has started; the loop checkpoints pid and pgid here. If it fails, the
   * agent is stopped (it could not be found after a crash) and `runAgent` rejects with its error.
   */
  onStart?: (info: { pid: number; pgid: number; logFile: string }) => void | Promise<void>;
  /** Shutdown: SIGTERM to the group, SIGKILL after `killGraceMs`. */
  signal?: AbortSignal;
  /** Time stamps in file names and the log; durations use the monotonic clock. */
  now?: () => Date;
}

/**
 * `exited`: the agent ended without the runner stopping it (a signal from elsewhere included);
 * `timeout`, `idle-timeout`, `spend-limit`, `aborted`: the runner stopped it; `spawn-failed`: it
 * never started.
 */
export type AgentRunOutcome = "exited" | "timeout" | "idle-timeout" | "spend-limit" | "aborted" | "spawn-failed";

export interface AgentRunResult {
  outcome: AgentRunOutcome;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  durationMs: number;
  logFile: string;
  promptFile: string;
  /** The last lines of output and of the runner's notes (why it stopped the agent, a spawn failure). */
  outputTail: string;
  heartbeatErrors: string[];
  /** What the agent reported spending on stdout (zeros and a null cost when it reported nothing). */
  spend: AgentSpend;
}

const NOT_RUN: AgentExit = { code: null, signal: null };

/**
 * Runs the coding agent on one issue (design §5 "Agent runner"): prompt written to a file, issue
 * details in MLS_* variables (issue text never reaches a shell or argv), output logged, the whole
 * process group stopped on timeout, idle timeout or abort. Resolves once the group is gone.
 * Rejects only when the state directory cannot be written or `onStart` fails.
 */
export async function runAgent(request: AgentRunRequest): Promise<AgentRunResult> {
  checkDurations(request);
  const now = request.now ?? (() => new Date());
  const startedAt = performance.now();
  const files = await createRunFiles(request.stateDir, request.issue.number, now(), request.prompt);
  const log = new AgentLog(files.log, now);
  log.header(request.argv, request.cwd);
  const heartbeatErrors: string[] = [];
  const maxCostUsd = request.maxCostUsd ?? Infinity;
  // Aborted (with the figures as its reason) the first time the reported cost goes over the limit.
  const overSpend = new AbortController();
  const meter = new SpendMeter((spend) => {
    if (overSpend.signal.aborted || spend.costUsd === null || !(spend.costUsd > maxCostUsd)) return;
    overSpend.abort(`the agent reported spending ${describeSpend(spend)}, over its limit of ${formatUsd(maxCostUsd)}`);
  });
  const finish = async (outcome: AgentRunOutcome, exit: AgentExit): Promise<AgentRunResult> => {
    await log.close();
    return {
      outcome,
      exitCode: exit.code,
      signal: exit.signal,
      durationMs: Math.round(performance.now() - startedAt),
      logFile: files.logFile,
      promptFile: files.promptFile,
      outputTail: log.tailText(),
      heartbeatErrors,
      spend: meter.end(),
    };
  };

  if (request.signal?.aborted) {
    log.note("shutdown requested before the agent started; not starting it");
    return finish("aborted", NOT_RUN);
  }
  const env = agentEnvironment(request.env, {
    issue: request.issue,
    branch: request.branch,
    worktree: request.cwd,
    promptFile: files.promptFile,
  });
  let lastOutputAt = performance.now();
  const spawned = await spawnAgent(request.argv, request.cwd, env, (source, chunk) => {
    lastOutputAt = performance.now();
    log.output(source, chunk);
    if (source === "stdout") meter.push(chunk);
  });
  if (!spawned.ok) {
    log.note(spawned.message);
    return finish("spawn-failed", NOT_RUN);
  }
  const supervised = await superviseAgent(spawned.agent, {
    request,
    log,
    logFile: files.logFile,
    lastOutputAt: () => lastOutputAt,
    overSpend: overSpend.signal,
    onHeartbeatError: (message) => heartbeatErrors.push(message),
  }).catch(async (error: unknown) => {
    await log.close();
    throw error;
  });
  const result = await finish(supervised.outcome, supervised.exit);
  if (supervised.startError !== undefined) throw supervised.startError;
  return result;
}

function checkDurations(request: AgentRunRequest): void {
  const positive = {
    timeoutMs: request.timeoutMs,
    idleTimeoutMs: request.idleTimeoutMs,
    heartbeatIntervalMs: request.heartbeatIntervalMs,
    maxCostUsd: request.maxCostUsd,
  };
  for (const [name, value] of Object.entries(positive)) {
    if (value !== undefined && !(value > 0)) throw new RangeError(`${name} must be a positive number, not ${value}`);
  }
  if (!(request.killGraceMs >= 0 && Number.isFinite(request.killGraceMs))) {
    throw new RangeError(
      `killGraceMs must be a finite, non-negative number of milliseconds, not ${request.killGraceMs}`,
    );
  }
}
