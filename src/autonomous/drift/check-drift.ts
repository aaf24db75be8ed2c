import { detectDrift, type Drift } from "../../domain/drift.js";
import type { LoopContext, Work } from "../work-context.js";
import { correctDrift } from "./correct-drift.js";
import { observe, type ObservationScope } from "./observe.js";

/**
 * Drifts already recorded for one piece of work (kind and what was found), so a lasting drift is
 * recorded once, not at every check. The driver keeps one per issue it works on.
 */
export type DriftMemory = Set<string>;

export interface DriftCheck {
  /** The work with what was seen folded in (the issue as GitHub shows it now; a rebase done). */
  work: Work;
  /** The first critical drift, which the caller acts on (stopForDrift) once the agent is stopped. */
  critical?: Drift;
  /** The claim ref as seen, when GitHub was looked at (lets the next step skip reading it again). */
  claimSha?: string;
}

/**
 * One drift check (design §5): observe, compare with what this work expects, record each new
 * drift, correct the moderate ones.
 */
export async function checkDrift(
  ctx: LoopContext,
  start: Work,
  scope: ObservationScope,
  memory: DriftMemory,
): Promise<DriftCheck> {
  const { seen, issue, claimSha } = await observe(ctx, start, scope);
  let work: Work = issue ? { ...start, issue } : start;
  // The lease we know is the one we wrote last; a ref read before a heartbeat landed is older.
  if (seen.claim?.holder === "us" && work.leaseSha === undefined) work = { ...work, leaseSha: claimSha };
  const drifts = detectDrift(
    {
      login: work.login,
      agentLabel: ctx.settings.agentId,
      branch: work.branch,
      pushedSha: work.item.expected?.pushedSha,
      prNumber: work.item.prNumber,
      kind: work.item.kind === "rework" ? "rework" : "deliver",
      maxCommitsBehindBase: ctx.settings.maxCommitsBehindBase,
    },
    seen,
  );
  let critical: Drift | undefined;
  for (const drift of drifts) {
    const key = `${drift.kind} ${JSON.stringify(drift.found)}`;
    if (memory.has(key)) continue;
    if (drift.severity === "critical") {
      critical ??= drift;
      continue;
    }
    memory.add(key);
    const corrected = await correctDrift(ctx, work, drift, scope);
    const { correction } = corrected;
    work = corrected.work;
    // Put right, it may come back (a person removing the label again) and is then recorded again.
    if (correction.outcome === "corrected") memory.delete(key);
    ctx.deps.store.recordDrift({
      runId: ctx.runId,
      workItemId: work.item.id,
      issueNumber: work.issue.number,
      kind: drift.kind,
      severity: drift.severity,
      expected: drift.expected,
      found: drift.found,
      action: correction.action,
      outcome: correction.outcome,
    });
    ctx.deps.emit({
      type: "drift",
      issue: work.issue.number,
      kind: drift.kind,
      severity: drift.severity,
      action: correction.action,
    });
  }
  return { work, critical, claimSha: scope === "before-verify" ? undefined : claimSha };
}
