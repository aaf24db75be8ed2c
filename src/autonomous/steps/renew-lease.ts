import { ClaimLostError } from "../../errors/index.js";
import type { LoopContext, Work } from "../work-context.js";

/**
 * A lease heartbeat: a child lease commit with a fresh time, and the claim ref fast-forwarded to
 * it; returns the new lease commit. A ref that moved without us (released, taken over) fails the
 * fast-forward: ClaimLostError.
 */
export async function renewLease(ctx: LoopContext, work: Work): Promise<string> {
  const { tracker } = ctx.deps;
  const number = work.issue.number;
  const leaseSha = work.leaseSha ?? (await tracker.getClaimRef(number));
  const current = leaseSha ? await tracker.readLease(leaseSha) : undefined;
  if (!leaseSha || !current || current.agent !== ctx.settings.agentId) {
    throw new ClaimLostError(`${ctx.settings.agentId} no longer holds the claim on #${number}`);
  }
  const next = await tracker.createLeaseCommit(
    { ...current, heartbeatAt: ctx.deps.now(), runId: ctx.runId, host: ctx.settings.host },
    leaseSha,
  );
  await tracker.moveClaimRef(number, next);
  return next;
}
