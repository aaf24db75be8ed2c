import path from "node:path";
import { DEFAULT_PROMPT } from "../../core/init/templates.js";
import { buildPrompt } from "../../domain/prompt.js";
import type { AgentRunResult } from "../agent/run-agent.js";
import type { LoopContext, Work } from "../work-context.js";
import { advance } from "../work-context.js";
import { SodaError } from "../../errors/index.js";
import { checkDrift } from "../drift/check-drift.js";
import { renewLease } from "./renew-lease.js";

/** What the check-evidence step needs to know about the agent's run, as checkpointed. */
export interface AgentRecord {
  outcome: AgentRunResult["outcome"];
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  logFile: string;
  tail: string;
}

/** run-agent → check-evidence: the agent in the worktree, its pid checkpointed as it starts. */
export async function runAgentStep(ctx: LoopContext, work: Work): Promise<void> {
  const { deps, settings } = ctx;
  const template = (await deps.files.read(path.join(settings.stateDir, "prompt.md"))) ?? DEFAULT_PROMPT;
  const issue = work.issue;
  const prompt = buildPrompt(template, {
    number: issue.number,
    title: issue.title,
    body: issue.body,
    branch: work.branch,
    url: issue.url,
  });
  const drift = watchForDrift(ctx, work);
  const result = await deps
    .runAgent({
      argv: settings.agentCommand,
      cwd: work.worktree,
      env: settings.agentEnv,
      issue: { number: issue.number, title: issue.title, url: issue.url, body: issue.body },
      branch: work.branch,
      prompt,
      stateDir: settings.stateDir,
      timeoutMs: settings.agentTimeoutMs,
      idleTimeoutMs: settings.idleTimeoutMs,
      killGraceMs: settings.killGraceMs,
      heartbeatIntervalMs: settings.heartbeatMs,
      // The loop lock has its own heartbeat (run-loop.ts); this one is the claim's lease.
      onHeartbeat: () => renewLease(ctx, work),
      // Checkpointed before the agent can do anything that matters: a loop killed from here on
      // finds the process group on restart and stops it.
      onStart: ({ pid, pgid, logFile }) =>
        advance(
          ctx,
          work,
          { to: "run-agent", agentPid: pid, agentPgid: pgid, detail: { logFile } },
          `agent running (pid ${pid}), log ${logFile}`,
        ),
      signal: AbortSignal.any([ctx.stop.agentSignal, drift.signal]),
      now: deps.now,
    })
    .finally(() => drift.stop());
  const agent: AgentRecord = {
    outcome: result.outcome,
    exitCode: result.exitCode,
    signal: result.signal,
    durationMs: result.durationMs,
    logFile: result.logFile,
    tail: result.outputTail,
  };
  advance(
    ctx,
    work,
    {
      to: "check-evidence",
      agentPid: null,
      agentPgid: null,
      detail: { agent, heartbeatErrors: result.heartbeatErrors },
    },
    describeRun(result),
  );
}

/**
 * Drift checks on an interval while the agent works (SPEC §5). A critical drift stops the agent
 * (through the returned signal) and is left on `work` for the driver, as is an authentication or
 * permission error. Any other failed check (GitHub briefly unreachable) is skipped: the next
 * one, or the next step boundary, looks again.
 */
function watchForDrift(ctx: LoopContext, work: Work): { signal: AbortSignal; stop(): void } {
  const controller = new AbortController();
  let busy = false;
  const timer = setInterval(() => {
    if (busy || controller.signal.aborted) return;
    busy = true;
    checkDrift(ctx, work, "run")
      .then((critical) => {
        if (!critical) return;
        work.criticalDrift = critical;
        controller.abort();
      })
      .catch((error: unknown) => {
        // Credentials revoked or permissions gone: nothing the loop does next can succeed.
        if (error instanceof SodaError && (error.reason === "auth" || error.reason === "permission")) {
          work.fatal = error;
          controller.abort();
        }
      })
      .finally(() => (busy = false));
  }, ctx.settings.driftIntervalMs);
  timer.unref();
  return { signal: controller.signal, stop: () => clearInterval(timer) };
}

function describeRun(result: AgentRunResult): string {
  const seconds = (result.durationMs / 1000).toFixed(1);
  if (result.outcome === "exited") return `agent exited ${result.exitCode ?? result.signal} after ${seconds} s`;
  if (result.outcome === "spawn-failed") return "the agent command could not start";
  return `agent stopped (${result.outcome}) after ${seconds} s`;
}
