import { passes } from "./check-status.js";
import type { RequiredCheck } from "./protection.js";
import type { RepoState } from "./state.js";

// What a commit's statuses and check runs say, per name: the input of required checks and of
// the "unstable" mergeable state. Only the latest report of each name (and app) counts.

export type ReportedState = "success" | "pending" | "failure";

export interface ReportedCheck {
  context: string;
  /** The reporting app; commit statuses carry none. */
  appId: number | null;
  state: ReportedState;
}

export function reportedChecks(repo: RepoState, sha: string): ReportedCheck[] {
  const reported: ReportedCheck[] = repo.statuses.latest(sha).map((status) => ({
    context: status.context,
    appId: null,
    state: status.state === "success" ? "success" : status.state === "pending" ? "pending" : "failure",
  }));
  const latestRuns = new Map<string, ReportedCheck & { id: number }>();
  for (const run of repo.ci.checkRuns) {
    if (run.headSha !== sha) continue;
    const key = `${run.app.id} ${run.name}`;
    if ((latestRuns.get(key)?.id ?? -1) > run.id) continue;
    const state = run.status !== "completed" ? "pending" : passes(run.conclusion) ? "success" : "failure";
    latestRuns.set(key, { id: run.id, context: run.name, appId: run.app.id, state });
  }
  for (const { context, appId, state } of latestRuns.values()) reported.push({ context, appId, state });
  return reported;
}

/** Any failure among the matching reports fails the check; nothing reported is "missing". */
export function requiredCheckState(reported: ReportedCheck[], check: RequiredCheck): ReportedState | "missing" {
  const matching = reported.filter(
    (r) => r.context === check.context && (check.appId === null || r.appId === check.appId),
  );
  if (matching.length === 0) return "missing";
  if (matching.some((r) => r.state === "failure")) return "failure";
  return matching.some((r) => r.state === "pending") ? "pending" : "success";
}
