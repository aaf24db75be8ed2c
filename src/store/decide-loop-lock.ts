import type { LoopLockHolder, LoopLockRequest } from "../core/store-port.js";

export type LoopLockDecision =
  | { kind: "acquire" }
  | { kind: "renew" }
  | { kind: "take-over"; reason: "process-gone" | "heartbeat-stale" }
  | { kind: "refuse" };

export interface LoopLockEnvironment {
  now: Date;
  isAlive: (pid: number) => boolean;
}

/**
 * Whether a request gets the loop lock, given who holds it. Only a holder known to be gone is
 * displaced: on this host by its pid (ours under another run means the pid was reused), on any
 * host by a heartbeat older than the caller's `staleAfterMs`.
 */
export function decideLoopLock(
  holder: LoopLockHolder | undefined,
  request: LoopLockRequest,
  env: LoopLockEnvironment,
): LoopLockDecision {
  if (holder === undefined) return { kind: "acquire" };
  const sameHost = holder.host === request.host;
  if (sameHost && holder.pid === request.pid) {
    return holder.runId === request.runId ? { kind: "renew" } : { kind: "take-over", reason: "process-gone" };
  }
  if (sameHost && !env.isAlive(holder.pid)) return { kind: "take-over", reason: "process-gone" };
  if (request.staleAfterMs !== undefined && env.now.getTime() - holder.heartbeatAt.getTime() > request.staleAfterMs) {
    return { kind: "take-over", reason: "heartbeat-stale" };
  }
  return { kind: "refuse" };
}
