import { waitOutSharedPause } from "./quota.js";
import { claimCandidate, writeLease } from "../core/pop/apply-pop.js";
import { planPop, type PopPlan } from "../core/pop/plan-pop.js";
import { raceForCandidates } from "../core/pop/race-candidates.js";
import { branchFor, worktreePathFor } from "../domain/branch-name.js";
import type { Issue } from "../domain/issue.js";
import { NothingToDoError } from "../errors/index.js";
import { judgeCandidate, refuseCandidate } from "./trust-gate.js";
import type { LoopContext, Work } from "./work-context.js";
import { advance } from "./work-context.js";

export type ClaimResult =
  { kind: "claimed"; work: Work } | { kind: "empty"; reason: string } | { kind: "lost"; to: number[] };

/**
 * The claim step, with pop's own protocol: one lease commit, then candidates in this agent's
 * order, the queue read again (bounded) when all are lost (design §3 "Contention"), each with
 * its own work item checkpointed in `claim` before its lock is attempted — so a crash mid-claim
 * leaves a record of which issue to look at.
 */
export async function claimNext(ctx: LoopContext, options: { knownFree: boolean }): Promise<ClaimResult> {
  const { tracker, git } = ctx.deps;
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
  // There is work: but if another loop on this agent command hit its plan's limit, nothing new is
  // started before the reset (read only now, so an idle poll of an empty queue costs nothing more).
  if (!(await waitOutSharedPause(ctx))) return { kind: "empty", reason: "stopping during a quota pause" };
  // Written when the first candidate passes the trust gate, so an idle poll of a queue holding only
  // refused issues writes nothing; then one lease serves every candidate tried.
  let leaseSha: string | undefined;
  const lease = async () =>
    (leaseSha ??= await writeLease(tracker, plan.login, {
      agentId,
      host: ctx.settings.host,
      runId: ctx.runId,
      now: ctx.deps.now,
      leaseMinutes: ctx.settings.leaseMinutes,
      by: "loop",
    }));
  const refused: number[] = [];
  const race = await raceForCandidates({
    tracker,
    agentId,
    login: plan.login,
    candidates: plan.candidates,
    fromQueue: plan.fromQueue,
    stopping: () => ctx.stop.stopping(),
    tryOne: async (candidate) => {
      // Checked here, one candidate at a time, so only the issue about to be claimed costs requests.
      const verdict = await judgeCandidate(ctx, candidate);
      if (verdict?.kind === "untrusted") {
        const { commented } = await refuseCandidate(ctx, candidate, verdict);
        ctx.deps.emit({ type: "untrusted", issue: candidate.number, reason: verdict.reason, commented });
        refused.push(candidate.number);
        return undefined;
      }
      if (verdict) ctx.deps.store.clearTrustRefusal(candidate.number);
      return claimOne(ctx, plan, candidate, await lease());
    },
  });
  if (race.kind === "won") return { kind: "claimed", work: race.value };
  // Refused by the trust gate is not a lost race: nothing here may be worked until people act.
  if (race.lostTo.every((number) => refused.includes(number)) && refused.length > 0) {
    const list = refused.map((number) => `#${number}`).join(", ");
    return { kind: "empty", reason: `no queued issue may be worked unattended (trust gate: ${list})` };
  }
  // Every issue left was taken by others while we tried: as empty as a queue read empty.
  if (race.queueEmpty)
    return { kind: "empty", reason: "the queue is empty: other agents claimed every eligible issue first" };
  return { kind: "lost", to: race.lostTo };
}

/**
 * One candidate, with its own work item checkpointed in `claim` before its lock is attempted.
 * Undefined when another agent locked it first (the item is abandoned).
 */
async function claimOne(
  ctx: LoopContext,
  plan: PopPlan,
  candidate: Issue,
  leaseSha: string,
): Promise<Work | undefined> {
  const { tracker, store } = ctx.deps;
  const { agentId } = ctx.settings;
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
    advance(
      ctx,
      work,
      { to: "abandoned", detail: { reason: "another agent claimed it first" } },
      "another agent claimed it first",
    );
    return undefined;
  }
  return advance(
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
}
