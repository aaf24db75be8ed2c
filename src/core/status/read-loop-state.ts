import type { AgentSpend } from "../../domain/agent-spend.js";
import { judgeLoopLiveness } from "../../domain/loop-liveness.js";
import type { Store } from "../store-port.js";

/** The autonomous loop as `status` shows it (design §4: "the autonomous loop's state if one ran here"). */
export interface LoopStateView {
  running: boolean;
  holder: { pid: number; host: string; since: string; heartbeatAgeSeconds: number } | null;
  lastRun: { id: string; outcome: string; startedAt: string; finishedAt: string | null; reason: string | null } | null;
  /** `spend`: what the agent reported spending on that work item (all its runs); null before it ran. */
  checkpoint: { issue: number; state: string; at: string; spend: AgentSpend | null } | null;
  /** Drifts recorded in the last 24 hours, and how many were critical. */
  drifts24h: { total: number; critical: number };
}

export interface LoopStateInput {
  store: Store | undefined;
  agentId: string;
  repository: string;
  host: string;
  now: Date;
  isProcessAlive(pid: number): boolean;
  leaseMinutes: number;
}

/** Read from the local store only: no request. Null where no loop ever ran here. */
export function readLoopState(input: LoopStateInput): LoopStateView | null {
  const { store } = input;
  const lastRun = store?.latestRun(input.agentId);
  if (!store || !lastRun) return null;
  const holder = store.loopLock({ repository: input.repository, agentId: input.agentId });
  const liveness = holder
    ? judgeLoopLiveness(holder, {
        host: input.host,
        now: input.now,
        isProcessAlive: input.isProcessAlive,
        staleAfterMs: input.leaseMinutes * 60_000,
      })
    : undefined;
  const checkpoint = store.latestCheckpoint(input.agentId);
  const item = checkpoint ? store.workItem(checkpoint.workItemId) : undefined;
  const drifts = store.listDrifts({ since: new Date(input.now.getTime() - 86_400_000) });
  return {
    running: liveness?.running ?? false,
    holder:
      holder && liveness
        ? {
            pid: holder.pid,
            host: holder.host,
            since: holder.since.toISOString(),
            heartbeatAgeSeconds: liveness.heartbeatAgeSeconds,
          }
        : null,
    lastRun: {
      id: lastRun.id,
      outcome: lastRun.outcome,
      startedAt: lastRun.startedAt.toISOString(),
      finishedAt: lastRun.finishedAt?.toISOString() ?? null,
      reason: lastRun.reason ?? null,
    },
    checkpoint:
      checkpoint && item
        ? {
            issue: item.issueNumber,
            state: checkpoint.toState,
            at: checkpoint.at.toISOString(),
            spend: item.spend ?? null,
          }
        : null,
    drifts24h: { total: drifts.length, critical: drifts.filter((drift) => drift.severity === "critical").length },
  };
}
