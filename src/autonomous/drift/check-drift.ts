import { detectDrift, type Drift } from "../../domain/drift.js";
import type { LoopContext, Work } from "../work-context.js";
import { correctDrift } from "./correct-drift.js";
import { observe, type ObservationScope } from "./observe.js";

/**
 * One drift check (SPEC §5): observe, compare with what this work expects, record each new
 * drift, correct the moderate ones. Returns the first critical drift, which the caller acts
 * on (stopForDrift) — the agent must be stopped first.
 */
export async function checkDrift(ctx: LoopContext, work: Work, scope: ObservationScope): Promise<Drift | undefined> {
  const seen = await observe(ctx, work, scope);
  const drifts = detectDrift(
    {
      login: work.login,
      agentLabel: ctx.settings.agentId,
      branch: work.branch,
      pushedSha: work.item.expected?.pushedSha,
      prNumber: work.item.prNumber,
      maxCommitsBehindBase: ctx.settings.maxCommitsBehindBase,
    },
    seen,
  );
  const known = (work.seenDrifts ??= new Set());
  let critical: Drift | undefined;
  for (const drift of drifts) {
    const key = `${drift.kind} ${JSON.stringify(drift.found)}`;
    if (known.has(key)) continue;
    if (drift.severity === "critical") {
      critical ??= drift;
      continue;
    }
    known.add(key);
    const correction = await correctDrift(ctx, work, drift, scope);
    // Put right, it may come back (a person removing the label again) and is then recorded again.
    if (correction.outcome === "corrected") known.delete(key);
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
  return critical;
}
