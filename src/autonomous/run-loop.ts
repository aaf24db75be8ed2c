import { randomUUID } from "node:crypto";
import { formatUsd, NO_SPEND } from "../domain/agent-spend.js";
import { ExitCode, RateLimitError, SodaError, UsageError } from "../errors/index.js";
import { driveWork } from "./drive-work.js";
import { nextWork } from "./next-work.js";
import { notify } from "./notify/notify.js";
import type { RunSummary } from "../domain/notification.js";
import { ReviewWatch } from "./review/review-watch.js";
import type { LoopDeps, LoopSettings, LoopSummary, StopControl } from "./loop-types.js";
import { reconcile } from "./reconcile.js";
import type { LoopContext, Work } from "./work-context.js";

const ONE_HANDLED = {
  deliver: "one issue handled",
  rework: "one pull request reworked",
  land: "one pull request landed",
} as const;

/** The longest single wait between tries. */
const MAX_RETRY_MS = 5 * 60_000;

/**
 * `spawn --autonomous` (design §5): one loop per repository and agent id. Reconciles what a
 * previous run left, then claims, works and delivers issues until a budget, an empty queue
 * (with --once / --until-empty) or a shutdown ends it. Never prints: it emits events.
 */
export async function runLoop(deps: LoopDeps, settings: LoopSettings, stop: StopControl): Promise<LoopSummary> {
  const runId = randomUUID();
  const key = { repository: settings.repository, agentId: settings.agentId };
  const lock = deps.store.acquireLoopLock({ ...key, pid: settings.pid, host: settings.host, runId });
  if (!lock.acquired) {
    const { holder } = lock;
    throw new UsageError(
      `another loop is already running for ${settings.agentId} on ${settings.repository}: pid ${holder.pid} on ${holder.host}, since ${holder.since.toISOString()}`,
      { hint: "stop that one first (Ctrl-C or SIGTERM), or run this one with another --agent" },
    );
  }
  deps.store.startRun({
    id: runId,
    agentId: settings.agentId,
    host: settings.host,
    pid: settings.pid,
    repository: settings.repository,
    options: { ...settings.budget, agentCommand: settings.agentCommand },
  });
  const takeover = lock.takeover
    ? `took over the lock of pid ${lock.takeover.holder.pid} on ${lock.takeover.holder.host} (${lock.takeover.reason})`
    : undefined;
  deps.audit.set({ runId });
  deps.emit({ type: "started", runId, takeover });
  const heartbeat = setInterval(() => deps.store.heartbeatLoopLock({ ...key, runId }), settings.heartbeatMs);
  heartbeat.unref();
  const ctx: LoopContext = { deps, settings, runId, stop, runSpend: { current: NO_SPEND }, lastStaleLook: {} };
  const issues: LoopSummary["issues"] = [];
  try {
    const summary = await iterate(ctx, issues);
    deps.store.finishRun(runId, summary.outcome, summary.reason);
    await notifyFinished(ctx, summary);
    return summary;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    deps.store.finishRun(runId, "failed", reason);
    const exitCode = error instanceof SodaError ? error.exitCode : ExitCode.internal;
    await notifyFinished(ctx, { runId, outcome: "failed", reason, issues, exitCode });
    throw error;
  } finally {
    clearInterval(heartbeat);
    deps.audit.set({});
    deps.store.releaseLoopLock({ ...key, runId });
    // A slow or dead webhook delays the end of the run by this much at most, and nothing else.
    await deps.notifier.flush(settings.notifyWaitMs);
  }
}

async function notifyFinished(ctx: LoopContext, summary: LoopSummary): Promise<void> {
  if (ctx.deps.notifier.target === undefined) return;
  let runSummary: RunSummary | undefined;
  try {
    runSummary = await ctx.deps.summarizeRun(summary);
  } catch {
    // The end of the run is still worth saying without its figures: `summary` null.
  }
  notify(ctx, "run-finished", { reason: summary.reason, summary: runSummary });
}

async function iterate(ctx: LoopContext, issues: LoopSummary["issues"]): Promise<LoopSummary> {
  const { deps, settings, stop } = ctx;
  const startedAt = deps.now().getTime();
  const summary = (outcome: LoopSummary["outcome"], reason: string, exitCode: number = ExitCode.ok): LoopSummary => ({
    runId: ctx.runId,
    outcome,
    reason,
    issues,
    exitCode,
  });
  let transientFailures = 0;
  let episode: { error: SodaError; since: number } | undefined;
  const recovered = () => {
    if (episode)
      recordLoopRecovery(ctx, episode.error, transientFailures + 1, deps.now().getTime() - episode.since, "recovered");
    episode = undefined;
    transientFailures = 0;
  };
  let work: Work | undefined;
  let reconciled = false;
  const watch = settings.review.enabled ? new ReviewWatch(ctx) : undefined;
  const finished = (issue: number, result: LoopSummary["issues"][number]) => {
    issues.push(result);
    deps.emit({ type: "finished-issue", ...result, issue });
  };

  for (;;) {
    try {
      if (!reconciled) {
        work = await reconcile(ctx);
        reconciled = true;
      }
      if (!work) {
        if (stop.stopping()) return summary("stopped", "shutdown requested");
        const delivered = issues.filter((entry) => (entry.kind ?? "deliver") === "deliver").length;
        const budget = budgetSpent(ctx, delivered, startedAt);
        if (budget) {
          if (budget.spend) notify(ctx, "budget-stop", { reason: budget.reason });
          return summary("completed", budget.reason);
        }
        // The lease commit written before any candidate is the run's, not an earlier item's.
        deps.audit.set({ runId: ctx.runId });
        const claimed = await nextWork(ctx, watch);
        recovered();
        if (claimed.kind === "lost") continue;
        if (claimed.kind === "handled") {
          finished(claimed.issue, {
            issue: claimed.issue,
            kind: "rework",
            outcome: claimed.outcome,
            reason: claimed.reason,
          });
          if (settings.budget.once) return summary("completed", "--once: one pull request handled");
          continue;
        }
        if (claimed.kind === "empty") {
          // Pull requests waiting for CI or for people are not work for the loop, but worth saying.
          const waiting = watch?.waitingSummary();
          const reason = waiting ? `${claimed.reason}; ${waiting}` : claimed.reason;
          if (settings.budget.once && issues.length === 0) return summary("completed", reason, ExitCode.nothingToDo);
          if (settings.budget.once || settings.budget.untilEmpty)
            return summary("completed", waiting ? `the queue is empty; ${waiting}` : "the queue is empty");
          deps.emit({ type: "idle", reason, nextPollSeconds: settings.pollIntervalMs / 1000 });
          await deps.sleep(settings.pollIntervalMs, stop.wakeSignal);
          continue;
        }
        work = claimed.work;
      }
      const result = await driveWork(ctx, work);
      recovered();
      if (result.outcome === "stopped")
        return summary("stopped", "shutdown requested; the checkpoint is kept for the next run");
      const { kind } = work.item;
      finished(work.issue.number, { issue: work.issue.number, kind, ...result });
      work = undefined;
      if (settings.budget.once) return summary("completed", `--once: ${ONE_HANDLED[kind]}`);
    } catch (error) {
      const since = episode?.since ?? deps.now().getTime();
      const delayMs = isTransient(error)
        ? retryDelay(error, transientFailures + 1, deps.now(), settings.retryBaseMs)
        : 0;
      // GitHub or the network down: wait and pick up from the checkpoint while the step's time
      // budget lasts. Permanent errors (auth, permission, configuration) fail fast.
      const overBudget = deps.now().getTime() + delayMs - since > settings.retryBudgetMs;
      if (!isTransient(error) || overBudget || stop.stopping()) {
        if (error instanceof SodaError)
          recordLoopRecovery(ctx, error, transientFailures + 1, deps.now().getTime() - since, "gave-up");
        throw error;
      }
      episode ??= { error, since };
      transientFailures += 1;
      deps.emit({ type: "retrying", reason: error.message, delaySeconds: Math.round(delayMs / 1000) });
      await deps.sleep(delayMs, stop.wakeSignal);
      // Pick up from the checkpoint, checked against GitHub and git again.
      work = undefined;
      reconciled = false;
    }
  }
}

function recordLoopRecovery(
  ctx: LoopContext,
  error: SodaError,
  tries: number,
  durationMs: number,
  outcome: "recovered" | "gave-up",
): void {
  const transient = isTransient(error);
  ctx.deps.store.recordRecovery({
    runId: ctx.runId,
    errorClass: error.reason,
    strategy: !transient
      ? "fail-fast"
      : error instanceof RateLimitError && error.resetAt
        ? "wait-for-reset"
        : "backoff",
    tries,
    outcome,
    durationMs,
    detail: { message: error.message },
  });
}

/** The budget that ends the run, if one is spent; `spend` for the spend governor's (design §5). */
function budgetSpent(
  ctx: LoopContext,
  handled: number,
  startedAt: number,
): { reason: string; spend: boolean } | undefined {
  const { budget } = ctx.settings;
  if (budget.maxIssues !== undefined && handled >= budget.maxIssues)
    return { reason: `--max-issues ${budget.maxIssues} reached`, spend: false };
  if (ctx.deps.now().getTime() - startedAt >= budget.maxHours * 3_600_000)
    return { reason: `--max-hours ${budget.maxHours} reached`, spend: false };
  const { maxCostUsdPerRun } = ctx.settings;
  const spent = ctx.runSpend.current.costUsd ?? 0;
  if (maxCostUsdPerRun !== undefined && spent >= maxCostUsdPerRun) {
    const reason = `max_cost_usd_per_run ${formatUsd(maxCostUsdPerRun)} reached: the agents reported ${formatUsd(spent)}`;
    return { reason, spend: true };
  }
  return undefined;
}

function isTransient(error: unknown): error is SodaError {
  return error instanceof SodaError && error.retryable;
}

/** Exponential with jitter; a rate limit waits for its reset. */
function retryDelay(error: SodaError, failures: number, now: Date, baseMs: number): number {
  if (error instanceof RateLimitError && error.resetAt)
    return Math.min(MAX_RETRY_MS, Math.max(1_000, error.resetAt.getTime() - now.getTime() + 1_000));
  const exponential = Math.min(MAX_RETRY_MS, baseMs * 2 ** (failures - 1));
  return Math.round(exponential * (0.5 + Math.random() / 2));
}
