import { detectQuota, type QuotaHit } from "../domain/agent-quota.js";
import { ClaimLostError } from "../errors/index.js";
import { notify } from "./notify/notify.js";
import { renewLease } from "./steps/renew-lease.js";
import type { LoopContext, Work } from "./work-context.js";
import { advance, recordedInDetail } from "./work-context.js";

/**
 * Quota (design §5): the agent's plan limit ran out. That says nothing about the issue, so it is not
 * a failed attempt: the loop pauses until the reset the agent named (or `quota_backoff_minutes`),
 * keeps its claim alive meanwhile, and tells other loops running the same agent command through a
 * shared pause ref, so they do not start agents that would hit the same wall.
 */

/** The plan-limit message in the agent's last run, if there was one. */
export function quotaHitOf(ctx: LoopContext, work: Work): QuotaHit | undefined {
  const agent = recordedInDetail(ctx, work, "agent") as { tail?: unknown } | undefined;
  if (typeof agent?.tail !== "string") return undefined;
  return detectQuota(agent.tail, ctx.deps.now(), ctx.settings.quota.patterns);
}

/**
 * Pause the work until the quota resets, back at `prepare` with its attempt unspent, renewing the
 * claim's lease; returns the work to continue, or `stopped` when a shutdown came first.
 */
export async function pauseForQuota(
  ctx: LoopContext,
  start: Work,
  hit: QuotaHit,
): Promise<{ work: Work; stopped: boolean }> {
  const { tracker } = ctx.deps;
  const now = ctx.deps.now();
  const until =
    hit.resetAt && hit.resetAt.getTime() > now.getTime()
      ? hit.resetAt
      : new Date(now.getTime() + ctx.settings.quota.backoffMs);
  // Best effort: the pause of this loop does not depend on others hearing of it.
  await tracker
    .writePause(ctx.settings.quota.key, { until, agent: ctx.settings.agentId, line: hit.line })
    .catch(() => undefined);
  let work = advance(
    ctx,
    start,
    { to: "prepare", detail: { quotaPause: { until: until.toISOString(), line: hit.line } } },
    `the agent's plan limit was reached ("${hit.line}"): paused until ${until.toISOString()}, no attempt spent`,
  );
  notify(ctx, "quota-pause", {
    reason: `the agent's plan limit was reached ("${hit.line}")`,
    issue: work.issue,
    until,
  });
  for (;;) {
    const left = until.getTime() - ctx.deps.now().getTime();
    if (left <= 0) break;
    if (ctx.stop.stopping()) return { work, stopped: true };
    await ctx.deps.sleep(Math.min(left, ctx.settings.heartbeatMs), ctx.stop.wakeSignal);
    try {
      work = { ...work, leaseSha: await renewLease(ctx, work), leaseHeldAt: ctx.deps.now().getTime() };
    } catch (error) {
      if (error instanceof ClaimLostError) throw error;
      // GitHub briefly out of reach: the next beat tries again.
    }
  }
  await tracker.clearPause(ctx.settings.quota.key).catch(() => undefined);
  return { work, stopped: false };
}

/**
 * Before new work: another loop on the same agent command hit the plan limit, so wait for its
 * reset rather than start an agent that would fail the same way. Returns false on a shutdown.
 */
export async function waitOutSharedPause(ctx: LoopContext): Promise<boolean> {
  const pause = await ctx.deps.tracker.readPause(ctx.settings.quota.key);
  if (!pause) return true;
  for (;;) {
    const left = pause.until.getTime() - ctx.deps.now().getTime();
    if (left <= 0) return true;
    if (ctx.stop.stopping()) return false;
    ctx.deps.emit({
      type: "idle",
      reason: `paused: ${pause.agent} reached the agent's plan limit ("${pause.line}") until ${pause.until.toISOString()}`,
      nextPollSeconds: Math.ceil(left / 1000),
    });
    await ctx.deps.sleep(left, ctx.stop.wakeSignal);
  }
}
