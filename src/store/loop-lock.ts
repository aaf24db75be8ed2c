import { z } from "zod";
import type { LoopLockHolder, LoopLockKey, LoopLockRequest, LoopLockResult } from "../core/store-port.js";
import { decideLoopLock } from "./decide-loop-lock.js";
import { isoDate, parseRow, toIso } from "./rows.js";
import { immediate, type StoreContext } from "./store-context.js";

export const lockRow = z
  .object({
    pid: z.number().int(),
    host: z.string(),
    run_id: z.string(),
    acquired_at: isoDate,
    heartbeat_at: isoDate,
  })
  .transform((row): LoopLockHolder => ({
    pid: row.pid,
    host: row.host,
    runId: row.run_id,
    since: row.acquired_at,
    heartbeatAt: row.heartbeat_at,
  }));

export function loopLock(ctx: StoreContext, key: LoopLockKey): LoopLockHolder | undefined {
  const row = ctx.db
    .prepare(`SELECT * FROM loop_lock WHERE repository = ? AND agent_id = ?`)
    .get(key.repository, key.agentId);
  return row === undefined ? undefined : parseRow(lockRow, row, "loop lock");
}

/** Read, decide and write under BEGIN IMMEDIATE: of two processes, the second sees the first's row. */
export function acquireLoopLock(ctx: StoreContext, request: LoopLockRequest): LoopLockResult {
  return immediate(ctx, (): LoopLockResult => {
    const holder = loopLock(ctx, request);
    const now = ctx.now();
    const decision = decideLoopLock(holder, request, { now, isAlive: ctx.isAlive });
    if (holder && decision.kind === "refuse") return { acquired: false, holder };
    const at = toIso(now);
    if (decision.kind === "renew") {
      ctx.db
        .prepare(`UPDATE loop_lock SET heartbeat_at = ? WHERE repository = ? AND agent_id = ?`)
        .run(at, request.repository, request.agentId);
      return { acquired: true };
    }
    ctx.db
      .prepare(
        `INSERT OR REPLACE INTO loop_lock (repository, agent_id, pid, host, run_id, acquired_at, heartbeat_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(request.repository, request.agentId, request.pid, request.host, request.runId, at, at);
    return holder && decision.kind === "take-over"
      ? { acquired: true, takeover: { holder, reason: decision.reason } }
      : { acquired: true };
  });
}

export function heartbeatLoopLock(ctx: StoreContext, key: LoopLockKey & { runId: string }): boolean {
  const { changes } = ctx.db
    .prepare(`UPDATE loop_lock SET heartbeat_at = ? WHERE repository = ? AND agent_id = ? AND run_id = ?`)
    .run(toIso(ctx.now()), key.repository, key.agentId, key.runId);
  return changes === 1;
}

export function releaseLoopLock(ctx: StoreContext, key: LoopLockKey & { runId: string }): boolean {
  const { changes } = ctx.db
    .prepare(`DELETE FROM loop_lock WHERE repository = ? AND agent_id = ? AND run_id = ?`)
    .run(key.repository, key.agentId, key.runId);
  return changes === 1;
}
