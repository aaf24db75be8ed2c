import { findStaleClaims } from "../core/takeover/find-stale-claims.js";
import { takeOverClaim } from "../core/takeover/take-over-claim.js";
import { branchFor, worktreePathFor } from "../domain/branch-name.js";
import type { LoopContext, Work } from "./work-context.js";
import { advance } from "./work-context.js";

/** Stale claims tried per look: a few, so one slow GitHub answer cannot hold the loop. */
const MOST_TRIED = 3;

/**
 * Before new work, a claim another agent abandoned (design §3: its lease expired without a
 * heartbeat) is taken over and continued from the branch its holder pushed. Each try is its own
 * work item, checkpointed in `claim` before the takeover is attempted, like a new claim.
 */
export async function takeOverNext(ctx: LoopContext): Promise<Work | undefined> {
  if (!ctx.settings.takeOverStale) return undefined;
  // A claim goes stale only after lease_minutes without a heartbeat: looking twice in that time is
  // enough, and saves a listing of the claim refs on every issue (design §9).
  const now = ctx.deps.now().getTime();
  const lastLook = ctx.lastStaleLook.at;
  if (lastLook !== undefined && now - lastLook < (ctx.settings.leaseMinutes * 60_000) / 2) return undefined;
  const { tracker, store } = ctx.deps;
  const { agentId } = ctx.settings;
  const stale = await findStaleClaims(tracker, {
    agentId,
    now: ctx.deps.now(),
    leaseMinutes: ctx.settings.leaseMinutes,
  });
  // Only a look that happened counts: a failed listing is tried again at the next chance.
  ctx.lastStaleLook.at = now;
  if (stale.length === 0) return undefined;
  const [{ login }, baseBranch] = await Promise.all([
    tracker.getViewer(),
    ctx.settings.baseBranch ?? tracker.getRepository().then((repository) => repository.defaultBranch),
  ]);
  for (const claim of stale.slice(0, MOST_TRIED)) {
    if (ctx.stop.stopping()) return undefined;
    const item = store.createWorkItem({
      runId: ctx.runId,
      issueNumber: claim.issueNumber,
      state: "claim",
      detail: { takeoverOf: claim.lease.agent, staleSince: claim.lease.heartbeatAt.toISOString() },
    });
    ctx.deps.audit.set({ runId: ctx.runId, workItemId: item.id });
    const taken = await takeOverClaim(tracker, claim, {
      agentId,
      login,
      host: ctx.settings.host,
      runId: ctx.runId,
      now: ctx.deps.now,
      leaseMinutes: ctx.settings.leaseMinutes,
      by: "loop",
    });
    const issue = taken?.issue ?? (await tracker.getIssue(claim.issueNumber));
    const work: Work = {
      item,
      issue,
      login,
      baseBranch,
      branch: branchFor(agentId, issue),
      worktree: worktreePathFor(ctx.settings.root, issue),
      leaseSha: taken?.leaseSha,
    };
    if (!taken) {
      advance(
        ctx,
        work,
        { to: "abandoned", detail: { reason: "not taken over" } },
        "another agent took it over first, or it is no longer in the queue",
      );
      continue;
    }
    return advance(
      ctx,
      { ...work, leaseHeldAt: ctx.deps.now().getTime() },
      {
        to: "prepare",
        branch: work.branch,
        claimEpoch: taken.epoch,
        expected: { issueNumber: issue.number, login, agentLabel: agentId, epoch: taken.epoch, branch: work.branch },
        detail: { continueFrom: taken.continueFrom, tookOverFrom: taken.previous.agent },
      },
      `took over ${taken.previous.agent}'s stale claim (epoch ${taken.epoch}); branch ${work.branch} from ${taken.continueFrom} where it was pushed`,
    );
  }
  return undefined;
}
