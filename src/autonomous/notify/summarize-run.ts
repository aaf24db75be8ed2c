import type { Store } from "../../core/store-port.js";
import { attemptEndOf, isFailedAttempt, totalCostUsd } from "../../domain/report/issue-outcome.js";
import type { RunSummary } from "../../domain/notification.js";
import type { LoopSummary } from "../loop-types.js";
import { readReport } from "../../core/report/read-report.js";
import type { ReportGitHub } from "../../core/report/read-github-facts.js";
import type { ReportStore } from "../../core/report/read-ledger.js";
import { summarizeReport } from "../../core/report/summarize-report.js";

export interface SummarizeRunDeps {
  store: Pick<Store, "run" | "attemptsFor" | "checkpoints"> & ReportStore;
  github: ReportGitHub;
  repository: string;
  now: () => Date;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The longest the report's GitHub reads may take before the message goes without it. */
  reportTimeoutMs: number;
}

/**
 * The `run-finished` notification's summary: the run's own results and work items from the store,
 * with `report --since <run start>` summed up beside them (design §5 "Notifications"). The report
 * checks GitHub in a bounded number of reads; when they fail or take longer than the timeout (GitHub
 * may be why the run ended), the message goes with the run's own figures and `report: null`.
 */
export async function summarizeRun(deps: SummarizeRunDeps, run: LoopSummary): Promise<RunSummary> {
  const own = ownFigures(deps.store, run, deps.now());
  const startedAt = deps.store.run(run.runId)?.startedAt;
  if (!startedAt) return own;
  const report = readReport({
    store: deps.store,
    ...deps.github,
    repository: deps.repository,
    since: startedAt,
    now: deps.now(),
  }).then(summarizeReport, () => null);
  // The timer is stopped once the report is in: a pending one would keep the finished process alive.
  const timer = new AbortController();
  const late = deps.sleep(deps.reportTimeoutMs, timer.signal).then(() => null);
  try {
    return { ...own, report: await Promise.race([report, late]) };
  } finally {
    timer.abort();
  }
}

function ownFigures(
  store: Pick<Store, "run" | "attemptsFor" | "checkpoints">,
  run: LoopSummary,
  now: Date,
): RunSummary {
  const recorded = store.run(run.runId);
  const items = [...new Set(run.issues.map((entry) => entry.issue))]
    .flatMap((number) => store.attemptsFor(number))
    .filter((item) => item.runId === run.runId);
  const count = (outcome: string, kind?: string) =>
    run.issues.filter(
      (entry) => entry.outcome === outcome && (kind === undefined || (entry.kind ?? "deliver") === kind),
    ).length;
  return {
    outcome: run.outcome,
    reason: run.reason,
    exitCode: run.exitCode,
    durationMs: (recorded?.finishedAt ?? now).getTime() - (recorded?.startedAt ?? now).getTime(),
    issuesDone: count("done", "deliver"),
    pullRequestsOpened: run.issues.filter((entry) => (entry.kind ?? "deliver") === "deliver" && entry.pr).length,
    reworked: count("done", "rework"),
    landed: count("done", "land"),
    escalated: count("escalated"),
    abandoned: count("abandoned"),
    failedAttempts: items.filter((item) =>
      isFailedAttempt(item.state, attemptEndOf(store.checkpoints(item.id).at(-1)?.detail)),
    ).length,
    costUsd: totalCostUsd(items),
    issues: run.issues.map((entry) => ({
      number: entry.issue,
      kind: entry.kind ?? "deliver",
      outcome: entry.outcome,
      pullRequest: entry.pr ? { number: entry.pr.number, url: entry.pr.url } : null,
      reason: entry.reason ?? null,
    })),
    report: null,
  };
}
