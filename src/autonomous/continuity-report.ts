import type { AgentSpend } from "../domain/agent-spend.js";
import type { Checkpoint, LoopLockHolder, Run, WorkItem, WorkItemState, WorkKind } from "../core/store-port.js";
import { judgeLoopLiveness, type LivenessEnvironment } from "../domain/loop-liveness.js";

/**
 * `continuity-status --json` (design §4): the report's records, with ISO timestamps, and how the
 * store's objects become them. Fields are added, never renamed or removed.
 */

export interface CheckpointRecord {
  /** ISO 8601, UTC. */
  at: string;
  ageSeconds: number;
  runId: string;
  workItemId: number;
  issue: number;
  /** What the work item does: deliver the issue, rework its pull request, or land it. */
  kind: WorkKind;
  /** For a rework: which round on the pull request. */
  round: number | null;
  attempt: number;
  from: WorkItemState | null;
  state: WorkItemState;
  /** Its work item is unfinished: this is where a restart picks up. */
  current: boolean;
  branch: string | null;
  head: string | null;
  pr: number | null;
  /** What the agent reported spending on this work item (all its runs); null before it ran. */
  spend: AgentSpend | null;
}

export interface TransitionRecord {
  at: string;
  runId: string;
  from: WorkItemState | null;
  state: WorkItemState;
  detail: Record<string, unknown> | null;
}

export interface RunRecord {
  id: string;
  outcome: Run["outcome"];
  reason: string | null;
  host: string;
  pid: number;
  startedAt: string;
  finishedAt: string | null;
  /** For a run still recorded as `running` on this host: whether its process lives (false: it crashed). */
  processAlive: boolean | null;
}

export interface LoopRecord {
  running: boolean;
  holder: {
    pid: number;
    host: string;
    runId: string;
    since: string;
    heartbeatAt: string;
    heartbeatAgeSeconds: number;
    sameHost: boolean;
    processAlive: boolean | null;
  } | null;
}

export interface RestartRecord {
  /** false when it could not be told (GitHub unreachable, store unreadable); `reason` says why. */
  predicted: boolean;
  action: "resume" | "resync" | "start-fresh" | null;
  /** The step a resume starts at. */
  at: string | null;
  reason: string;
  issue: number | null;
  /** The work item's kind (deliver, rework, land) and pull request, when there is one. */
  kind: WorkKind | null;
  pr: number | null;
  /** An agent left running by a killed loop, which a restart stops first. */
  agentRunning: boolean | null;
}

export interface ContinuityReport {
  agent: string;
  repository: string | null;
  store: { path: string; exists: boolean; schemaVersion: number | null };
  /** null without a store. */
  integrity: { ok: boolean; messages: string[] } | null;
  checkpoint: CheckpointRecord | null;
  /** The checkpointed work item's transitions, oldest first. */
  checkpoints: TransitionRecord[];
  run: RunRecord | null;
  loop: LoopRecord | null;
  restart: RestartRecord | null;
  /** What could not be read from a damaged store. */
  unreadable: string[];
}

export function notPredicted(reason: string): RestartRecord {
  return { predicted: false, action: null, at: null, reason, issue: null, kind: null, pr: null, agentRunning: null };
}

export function toCheckpointRecord(item: WorkItem, latest: Checkpoint, current: boolean, now: Date): CheckpointRecord {
  return {
    at: latest.at.toISOString(),
    ageSeconds: Math.max(0, Math.floor((now.getTime() - latest.at.getTime()) / 1000)),
    runId: latest.runId,
    workItemId: item.id,
    issue: item.issueNumber,
    kind: item.kind,
    round: item.round ?? null,
    attempt: item.attempt,
    from: latest.fromState ?? null,
    state: latest.toState,
    current,
    branch: item.branch ?? null,
    head: item.headSha ?? null,
    pr: item.prNumber ?? null,
    spend: item.spend ?? null,
  };
}

export function toTransitionRecord(checkpoint: Checkpoint): TransitionRecord {
  return {
    at: checkpoint.at.toISOString(),
    runId: checkpoint.runId,
    from: checkpoint.fromState ?? null,
    state: checkpoint.toState,
    detail: checkpoint.detail ?? null,
  };
}

export function toRunRecord(run: Run, host: string, isProcessAlive: (pid: number) => boolean): RunRecord {
  return {
    id: run.id,
    outcome: run.outcome,
    reason: run.reason ?? null,
    host: run.host,
    pid: run.pid,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    processAlive: run.outcome === "running" && run.host === host ? isProcessAlive(run.pid) : null,
  };
}

export function toLoopRecord(holder: LoopLockHolder | undefined, env: LivenessEnvironment): LoopRecord {
  if (!holder) return { running: false, holder: null };
  const liveness = judgeLoopLiveness(holder, env);
  return {
    running: liveness.running,
    holder: {
      pid: holder.pid,
      host: holder.host,
      runId: holder.runId,
      since: holder.since.toISOString(),
      heartbeatAt: holder.heartbeatAt.toISOString(),
      heartbeatAgeSeconds: liveness.heartbeatAgeSeconds,
      sameHost: liveness.sameHost,
      processAlive: liveness.processAlive,
    },
  };
}
