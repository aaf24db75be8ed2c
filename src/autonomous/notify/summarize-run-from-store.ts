import type { Store, WorkItem } from "../../core/store-port.js";
import type { RunSummary } from "../../domain/notification.js";
import type { LoopSummary } from "../loop-types.js";

/**
 * Interim: the `run-finished` notification's summary, from the run's own results and its work
 * items in the store. spawn.ts passes it as `summarizeRun`; the `report` command's summary is
 * meant to take its place there, and this file to go.
 */
export function summarizeRunFromStore(
  store: Pick<Store, "run" | "attemptsFor" | "checkpoints">,
  run: LoopSummary,
  now: Date,
): RunSummary {
  const recorded = store.run(run.runId);
  const items = [...new Set(run.issues.map((entry) => entry.issue))]
    .flatMap((number) => store.attemptsFor(number))
    .filter((item) => item.runId === run.runId);
  const costs = items.map((item) => item.spend?.costUsd).filter((cost): cost is number => typeof cost === "number");
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
    failedAttempts: items.filter((item) => item.state === "failed" || escalatedOnFailure(store, item)).length,
    costUsd: costs.length > 0 ? Math.round(costs.reduce((sum, cost) => sum + cost, 0) * 1e6) / 1e6 : null,
    issues: run.issues.map((entry) => ({
      number: entry.issue,
      kind: entry.kind ?? "deliver",
      outcome: entry.outcome,
      pullRequest: entry.pr ? { number: entry.pr.number, url: entry.pr.url } : null,
      reason: entry.reason ?? null,
    })),
  };
}

/** An attempt escalated because it failed (its last checkpoint names the failure's class), not for spent rework rounds. */
function escalatedOnFailure(store: Pick<Store, "checkpoints">, item: WorkItem): boolean {
  return item.state === "escalated" && typeof store.checkpoints(item.id).at(-1)?.detail?.errorClass === "string";
}
