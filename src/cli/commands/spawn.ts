import { DEFAULT_QUOTA_PATTERNS } from "../../domain/agent-quota.js";
import { agentCommandKey } from "../../domain/quota-pause.js";
import os from "node:os";
import path from "node:path";
import { isProcessGroupAlive, killProcessGroup, runAgent } from "../../autonomous/agent/run-agent.js";
import type { LoopSettings } from "../../autonomous/loop-types.js";
import { recordHttpRecoveries } from "../../autonomous/recovery/record-http-recoveries.js";
import { runLoop } from "../../autonomous/run-loop.js";
import type { HttpAttempt } from "../../domain/error-class.js";
import { withoutTokens } from "../../domain/token-variables.js";
import { redactUrl } from "../../domain/redact-secrets.js";
import { planSpawn } from "../../autonomous/plan-spawn.js";
import { reportDelivery } from "../../autonomous/notify/report-delivery.js";
import { summarizeRun } from "../../autonomous/notify/summarize-run.js";
import { NO_NOTIFIER, type Notifier } from "../../core/notify-port.js";
import type { LoopEvent } from "../../autonomous/loop-types.js";
import type { Store } from "../../core/store-port.js";
import { numberFromEnv } from "../../config/number-from-env.js";
import { splitCommand } from "../../config/split-command.js";
import { ConfigError, ExitCode, UsageError } from "../../errors/index.js";
import { fullGarbageCollector } from "../../process/collect-garbage.js";
import { createCommandRunner } from "../../process/run-command.js";
import { sleep } from "../../process/sleep.js";
import { createAppContext } from "../compose.js";
import { spawnDryRunJson, spawnSummaryJson } from "../json/spawn-json.js";
import type { CommandContext } from "../command-context.js";
import { liveProgress, plainProgress } from "../render/loop-progress.js";
import { renderLoopSummary, renderSpawnPlan } from "../render/render-spawn.js";
import { stopOnSignals } from "../stop-on-signals.js";

export interface SpawnOptions {
  autonomous: boolean;
  once: boolean;
  untilEmpty: boolean;
  maxIssues?: number;
  maxHours?: number;
  pollInterval?: number;
  agentCmd?: string;
  /** Seconds the agent gets to finish after the first SIGINT/SIGTERM. */
  gracePeriod: number;
  dryRun: boolean;
}

const KILL_GRACE_MS = 10_000;

export async function runSpawn(options: SpawnOptions, { globals, io, out }: CommandContext): Promise<number> {
  if (!options.autonomous) {
    throw new UsageError("spawn runs the unattended loop and needs --autonomous", {
      hint: "my-little-soda spawn --autonomous --once   (one issue, then exit)",
    });
  }
  const app = await createAppContext(globals, io, out);
  const git = app.requireGit();
  const { config } = app;
  const agentCommand = options.agentCmd !== undefined ? splitCommand(options.agentCmd) : config.autonomous.agentCommand;
  if (!agentCommand || agentCommand.length === 0) {
    throw new ConfigError("no agent command configured", {
      hint: 'set [autonomous] agent_command in my-little-soda.toml (README: "Plugging in a real agent" has snippets for Claude Code, Codex and Aider) or pass --agent-cmd',
    });
  }
  const repository = app.requireRepository();
  // Every HTTP try is watched from the start, so a burst the retry plugins absorb is recorded too.
  let recordHttp: ((attempt: HttpAttempt) => void) | undefined;
  app.onHttpAttempt((attempt) => recordHttp?.(attempt));
  const tracker = await app.tracker();
  const store = await app.store({ create: !options.dryRun });
  if (store && !options.dryRun) recordHttp = recordHttpRecoveries(store);
  const root = app.root;
  const leaseMs = config.autonomous.leaseMinutes * 60_000;
  const settings: LoopSettings = {
    agentId: config.agentId,
    host: os.hostname(),
    pid: process.pid,
    repository: `${repository.owner}/${repository.repo}`,
    baseBranch: config.baseBranch,
    root,
    stateDir: path.join(root, ".my-little-soda"),
    agentCommand,
    agentEnv: withoutTokens(io.env),
    agentTimeoutMs: config.autonomous.timeoutMinutes * 60_000,
    idleTimeoutMs: config.autonomous.idleTimeoutMinutes * 60_000,
    killGraceMs: KILL_GRACE_MS,
    heartbeatMs: Math.max(1_000, Math.round(leaseMs / 3)),
    leaseMinutes: config.autonomous.leaseMinutes,
    takeOverStale: config.autonomous.takeOverStale,
    maxAttemptsPerIssue: config.autonomous.maxAttemptsPerIssue,
    maxCostUsdPerIssue: config.autonomous.maxCostUsdPerIssue,
    maxCostUsdPerRun: config.autonomous.maxCostUsdPerRun,
    driftIntervalMs: config.autonomous.driftIntervalSeconds * 1000,
    maxCommitsBehindBase: config.autonomous.maxCommitsBehindBase,
    trust: { enabled: config.autonomous.trustGate, trustedUsers: config.autonomous.trustedUsers },
    quota: {
      patterns: config.autonomous.quotaPatterns ?? DEFAULT_QUOTA_PATTERNS,
      backoffMs: config.autonomous.quotaBackoffMinutes * 60_000,
      key: agentCommandKey(agentCommand),
    },
    verify: config.bottle.verify,
    draft: config.bottle.draft,
    pollIntervalMs: (options.pollInterval ?? config.autonomous.pollIntervalSeconds) * 1000,
    retryBaseMs: numberFromEnv(io.env.MY_LITTLE_SODA_LOOP_RETRY_BASE_MS) ?? 5_000,
    retryBudgetMs: (numberFromEnv(io.env.MY_LITTLE_SODA_LOOP_RETRY_BUDGET_SECONDS) ?? 15 * 60) * 1000,
    budget: {
      once: options.once,
      untilEmpty: options.untilEmpty,
      maxIssues: options.maxIssues ?? config.autonomous.maxIssues,
      maxHours: options.maxHours ?? config.autonomous.maxHours,
    },
    review: config.review,
    notifyWaitMs: notifyTimeoutMs(io.env),
    secrets: app.secrets,
  };

  if (options.dryRun) {
    const plan = await out.spin("Reading the queue…", () =>
      planSpawn({ tracker, git, store, isProcessGroupAlive }, settings, { notifyTarget: webhookTarget(config) }),
    );
    if (out.json) out.printJson(spawnDryRunJson(plan));
    else renderSpawnPlan(plan, settings, out);
    return ExitCode.ok;
  }
  if (!store) throw new Error("the store could not be created");

  // A pseudo-terminal with no width (some CI runners, `script`) makes ora redraw for ever.
  const liveTerminal =
    out.interactive && io.stderr.isTTY === true && ((io.stderr as { columns?: number }).columns ?? 0) > 0;
  const progress =
    out.quiet || out.json
      ? { handle() {}, close() {} }
      : liveTerminal
        ? await liveProgress(out, io.stderr as NodeJS.WritableStream)
        : plainProgress(out);
  const collectGarbage = fullGarbageCollector();
  const emit = (event: LoopEvent) => {
    progress.handle(event);
    if (event.type === "finished-issue") collectGarbage?.();
  };
  const stop = stopOnSignals(process, options.gracePeriod * 1000, (message) =>
    progress.handle({ type: "stopping", reason: message }),
  );
  try {
    const summary = await runLoop(
      {
        tracker,
        review: await app.reviews(),
        git,
        openWorkspace: app.openWorkspace,
        store,
        runner: createCommandRunner(settings.agentEnv),
        runAgent,
        stopProcessGroup: async (pgid) => (await killProcessGroup(pgid, KILL_GRACE_MS)) !== "not-running",
        isProcessGroupAlive,
        files: app.files,
        audit: app.audit,
        now: () => new Date(),
        sleep,
        emit,
        notifier: await webhookNotifier(config.notify.webhookUrl, io.env, store, emit),
        summarizeRun: async (run) =>
          summarizeRun(
            {
              store,
              github: { tracker, review: await app.reviews() },
              repository: `${repository.owner}/${repository.repo}`,
              now: () => new Date(),
              sleep,
              reportTimeoutMs: notifyTimeoutMs(io.env),
            },
            run,
          ),
      },
      settings,
      stop.control,
    );
    progress.close();
    if (out.json) out.printJson(spawnSummaryJson(summary));
    else renderLoopSummary(summary, out);
    return summary.exitCode;
  } finally {
    progress.close();
    stop.dispose();
  }
}

/** One webhook try's limit, and the longest the end of a run waits for notifications. */
function notifyTimeoutMs(env: NodeJS.ProcessEnv): number {
  return numberFromEnv(env.MY_LITTLE_SODA_NOTIFY_TIMEOUT_MS) ?? 5_000;
}

/** `[notify] webhook_url` as it may be shown (scheme and host); undefined when notifications are off. */
function webhookTarget(config: { notify: { webhookUrl: string | undefined } }): string | undefined {
  return config.notify.webhookUrl === undefined ? undefined : redactUrl(config.notify.webhookUrl);
}

async function webhookNotifier(
  url: string | undefined,
  env: NodeJS.ProcessEnv,
  store: Store,
  emit: (event: LoopEvent) => void,
): Promise<Notifier> {
  if (url === undefined) return NO_NOTIFIER;
  const { createWebhookNotifier } = await import("../../webhook/webhook-notifier.js");
  return createWebhookNotifier({
    url,
    fetch: globalThis.fetch,
    sleep,
    now: () => new Date(),
    policy: {
      timeoutMs: notifyTimeoutMs(env),
      ...(numberFromEnv(env.MY_LITTLE_SODA_NOTIFY_RETRY_BASE_MS) !== undefined
        ? { retryBaseMs: numberFromEnv(env.MY_LITTLE_SODA_NOTIFY_RETRY_BASE_MS) }
        : {}),
    },
    onReport: reportDelivery(store, emit),
  });
}
