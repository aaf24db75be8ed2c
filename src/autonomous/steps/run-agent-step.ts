import path from "node:path";
import { DEFAULT_PROMPT } from "../../core/init/templates.js";
import { buildPrompt } from "../../domain/prompt.js";
import type { AgentRunResult } from "../agent/run-agent.js";
import type { Drift } from "../../domain/drift.js";
import type { LoopContext, StepResult, Work } from "../work-context.js";
import { advance } from "../work-context.js";
import { SodaError } from "../../errors/index.js";
import { checkDrift, type DriftMemory } from "../drift/check-drift.js";
import { reworkPromptFor } from "../review/rework-prompt-for.js";
import { renewLease } from "./renew-lease.js";
import { spendAllowance } from "./spend-allowance.js";
import { NO_SPEND, sumSpend, type AgentSpend } from "../../domain/agent-spend.js";

/** What the check-evidence step needs to know about the agent's run, as checkpointed. */
export interface AgentRecord {
  outcome: AgentRunResult["outcome"];
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  logFile: string;
  tail: string;
  /** What the agent reported spending in this run. */
  spend?: AgentSpend;
  /** For a `spend-limit` outcome: which limit, with the figures. */
  spendLimit?: string;
}

/**
 * run-agent → check-evidence: the agent in the worktree, its pid checkpointed as it starts. What
 * the drift checks and heartbeats learn meanwhile (a fresher issue, the renewed lease) is folded
 * into the work this step returns; a critical drift or a fatal error found while the agent ran is
 * the step's result once the agent has stopped.
 */
export async function runAgentStep(ctx: LoopContext, start: Work, memory: DriftMemory): Promise<StepResult> {
  let work = start;
  const { deps, settings } = ctx;
  const issue = work.issue;
  const prompt = await promptFor(ctx, work);
  const allowance = spendAllowance(ctx, work);
  if (allowance.maxCostUsd <= 0) {
    // Already over a limit (an earlier attempt or issue spent it): the agent does not start.
    const reason = allowance.reason(NO_SPEND);
    return { kind: "failed", work, failure: { errorClass: "spend-limit", reason, tail: "" } };
  }
  // Heartbeats and start-up advance `work` meanwhile, so a check's result only adds what it saw.
  const drift = watchForDrift(
    ctx,
    () => work,
    memory,
    (seen) => {
      work = { ...work, issue: seen.issue, leaseSha: work.leaseSha ?? seen.leaseSha };
    },
  );
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
      maxCostUsd: allowance.maxCostUsd,
      heartbeatIntervalMs: settings.heartbeatMs,
      // The loop lock has its own heartbeat (run-loop.ts); this one is the claim's lease.
      onHeartbeat: async () => {
        const leaseSha = await renewLease(ctx, work);
        work = { ...work, leaseSha, leaseHeldAt: deps.now().getTime() };
      },
      // Checkpointed before the agent can do anything that matters: a loop killed from here on
      // finds the process group on restart and stops it.
      onStart: ({ pid, pgid, logFile }) => {
        work = advance(
          ctx,
          work,
          { to: "run-agent", agentPid: pid, agentPgid: pgid, detail: { logFile } },
          `agent running (pid ${pid}), log ${logFile}`,
        );
      },
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
    spend: result.spend,
    ...(result.outcome === "spend-limit" ? { spendLimit: allowance.reason(result.spend) } : {}),
  };
  ctx.runSpend.current = sumSpend(ctx.runSpend.current, result.spend);
  const next = advance(
    ctx,
    work,
    {
      to: "check-evidence",
      agentPid: null,
      agentPgid: null,
      // Summed over the item's runs: an interrupted run's spend counts as well.
      spend: sumSpend(work.item.spend ?? NO_SPEND, result.spend),
      detail: { agent, heartbeatErrors: result.heartbeatErrors },
    },
    describeRun(result),
  );
  const found = drift.found();
  if (found?.kind === "fatal") return { kind: "fatal", work: next, error: found.error };
  if (found?.kind === "drift") return { kind: "drift", work: next, drift: found.drift };
  return { kind: "next", work: next };
}

type Found = { kind: "drift"; drift: Drift } | { kind: "fatal"; error: Error };

/**
 * Drift checks on an interval while the agent works (design §5). A critical drift, or an
 * authentication or permission error, stops the agent (through the returned signal) and is kept
 * for the step's result. Any other failed check (GitHub briefly unreachable) is skipped: the next
 * one, or the next step boundary, looks again.
 */
function watchForDrift(
  ctx: LoopContext,
  current: () => Work,
  memory: DriftMemory,
  update: (work: Work) => void,
): { signal: AbortSignal; stop(): void; found(): Found | undefined } {
  const controller = new AbortController();
  let busy = false;
  let found: Found | undefined;
  const timer = setInterval(() => {
    if (busy || controller.signal.aborted) return;
    busy = true;
    checkDrift(ctx, current(), "run", memory)
      .then((check) => {
        update(check.work);
        if (!check.critical) return;
        found = { kind: "drift", drift: check.critical };
        controller.abort();
      })
      .catch((error: unknown) => {
        // Credentials revoked or permissions gone: nothing the loop does next can succeed.
        if (error instanceof SodaError && (error.reason === "auth" || error.reason === "permission")) {
          found = { kind: "fatal", error };
          controller.abort();
        }
      })
      .finally(() => (busy = false));
  }, ctx.settings.driftIntervalMs);
  timer.unref();
  return { signal: controller.signal, stop: () => clearInterval(timer), found: () => found };
}

/** The issue's prompt (`.my-little-soda/prompt.md`), or for a rework round the rework prompt (`rework.md`). */
async function promptFor(ctx: LoopContext, work: Work): Promise<string> {
  if (work.item.kind === "rework") return reworkPromptFor(ctx, work);
  const { issue } = work;
  const template = (await ctx.deps.files.read(path.join(ctx.settings.stateDir, "prompt.md"))) ?? DEFAULT_PROMPT;
  return buildPrompt(template, {
    number: issue.number,
    title: issue.title,
    body: issue.body,
    branch: work.branch,
    url: issue.url,
  });
}

function describeRun(result: AgentRunResult): string {
  const seconds = (result.durationMs / 1000).toFixed(1);
  if (result.outcome === "exited") return `agent exited ${result.exitCode ?? result.signal} after ${seconds} s`;
  if (result.outcome === "spawn-failed") return "the agent command could not start";
  return `agent stopped (${result.outcome}) after ${seconds} s`;
}
