import { claimCandidate, writeLease } from "../core/pop/apply-pop.js";
import { planPop } from "../core/pop/plan-pop.js";
import { branchFor, worktreePathFor } from "../domain/branch-name.js";
import { NothingToDoError } from "../errors/index.js";
import { judgeCandidate, refuseCandidate } from "./trust-gate.js";
import type { LoopContext, Work } from "./work-context.js";
import { advance } from "./work-context.js";

export type ClaimResult =
  { kind: "claimed"; work: Work } | { kind: "empty"; reason: string } | { kind: "lost"; to: number[] };

/**
 * The claim step, with pop's own protocol: one lease commit, then candidates in queue order,
 * each with its own work item checkpointed in `claim` before its lock is attempted — so a
 * crash mid-claim leaves a record of which issue to look at.
 */
export async function claimNext(ctx: LoopContext, options: { knownFree: boolean }): Promise<ClaimResult> {
  const { tracker, git, store } = ctx.deps;
  const { agentId } = ctx.settings;
  let plan;
  try {
    plan = await planPop({
      tracker,
      git,
      agentId,
      baseBranch: ctx.settings.baseBranch,
      worktree: true,
      knownFree: options.knownFree,
    });
  } catch (error) {
    if (error instanceof NothingToDoError) return { kind: "empty", reason: error.message };
    throw error;
  }
  const leaseSha = await writeLease(tracker, plan.login, {
    agentId,
    host: ctx.settings.host,
    runId: ctx.runId,
    now: ctx.deps.now,
    leaseMinutes: ctx.settings.leaseMinutes,
    by: "loop",
  });
  const lost: number[] = [];
  const refused: number[] = [];
  for (const candidate of plan.candidates) {
    if (ctx.stop.stopping()) break;
    // Checked here, one candidate at a time, so only the issue about to be claimed costs requests.
    const verdict = await judgeCandidate(ctx, candidate);
    if (verdict?.kind === "untrusted") {
      const { commented } = await refuseCandidate(ctx, candidate, verdict);
      ctx.deps.emit({ type: "untrusted", issue: candidate.number, reason: verdict.reason, commented });
      refused.push(candidate.number);
      continue;
    }
    if (verdict) ctx.deps.store.clearTrustRefusal(candidate.number);
    const item = store.createWorkItem({
      runId: ctx.runId,
      issueNumber: candidate.number,
      state: "claim",
      detail: { title: candidate.title },
    });
    ctx.deps.audit.set({ runId: ctx.runId, workItemId: item.id });
    const work: Work = {
      item,
      issue: candidate,
      login: plan.login,
      baseBranch: plan.baseBranch,
      branch: branchFor(agentId, candidate),
      worktree: worktreePathFor(ctx.settings.root, candidate),
      leaseSha,
    };
    ctx.deps.emit({
      type: "state",
      issue: candidate.number,
      title: candidate.title,
      state: "claim",
      attempt: item.attempt,
    });
    const claimed = await claimCandidate(tracker, candidate, plan.login, agentId, leaseSha);
    if (!claimed) {
      lost.push(candidate.number);
      advance(
        ctx,
        work,
        { to: "abandoned", detail: { reason: "another agent claimed it first" } },
        "another agent claimed it first",
      );
      continue;
    }
    const ready = advance(
      ctx,
      { ...work, issue: claimed, leaseHeldAt: ctx.deps.now().getTime() },
      {
        to: "prepare",
        branch: work.branch,
        claimEpoch: 1,
        expected: {
          issueNumber: claimed.number,
          login: plan.login,
          agentLabel: agentId,
          epoch: 1,
          branch: work.branch,
        },
      },
      `claimed; branch ${work.branch}`,
    );
    return { kind: "claimed", work: ready };
  }
  if (lost.length === 0 && refused.length > 0) {
    const list = refused.map((number) => `#${number}`).join(", ");
    return { kind: "empty", reason: `no queued issue may be worked unattended (trust gate: ${list})` };
  }
  return { kind: "lost", to: lost };
}
