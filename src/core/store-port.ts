import type { AgentSpend } from "../domain/agent-spend.js";
/**
 * The local state store, in our own words (design §5, §8): runs of the autonomous loop, the work
 * items they handle with their append-only checkpoints, drift and recovery events, the audit log
 * of every GitHub and git write, the HTTP ETag cache and the one-loop-per-agent lock.
 * `src/store/` implements it over SQLite; nothing here mentions SQLite.
 *
 * One store serves one repository: its file lives in that repository's `.my-little-soda/`.
 * Methods are synchronous: a local write is done, durably, before the caller's next side effect.
 * Times are `Date`s; JSON values are plain objects, validated when read back, so a hand-edited
 * row surfaces as a `StoreError` rather than as `undefined` later.
 */
import type { DriftSeverity } from "../domain/drift.js";

export const WORK_ITEM_STATES = [
  "reconcile",
  "claim",
  "prepare",
  "run-agent",
  "check-evidence",
  "verify",
  "deliver",
  "land",
  "done",
  "failed",
  "escalated",
  "abandoned",
] as const;
export type WorkItemState = (typeof WORK_ITEM_STATES)[number];

/** States a work item never leaves. */
export const TERMINAL_STATES = ["done", "failed", "escalated", "abandoned"] as const satisfies readonly WorkItemState[];
export type TerminalState = (typeof TERMINAL_STATES)[number];

export function isTerminalState(state: WorkItemState): state is TerminalState {
  return (TERMINAL_STATES as readonly WorkItemState[]).includes(state);
}

export const RUN_OUTCOMES = ["running", "completed", "stopped", "crashed", "failed"] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

export type JsonObject = Record<string, unknown>;

// ── runs ────────────────────────────────────────────────────────────────────────────────────

export interface Run {
  id: string;
  agentId: string;
  host: string;
  pid: number;
  repository: string;
  startedAt: Date;
  finishedAt?: Date;
  outcome: RunOutcome;
  reason?: string;
  /** The options the run was started with (budgets, agent command…), as the caller chose. */
  options: JsonObject;
}

export interface NewRun {
  /** Generated (a UUID) when omitted. */
  id?: string;
  agentId: string;
  host: string;
  pid: number;
  repository: string;
  options?: JsonObject;
}

export interface RunLog {
  startRun(run: NewRun): Run;
  /**
   * Record how a run ended. A run that already ended keeps its first outcome; the run is
   * returned as recorded, so the caller can tell. Throws `StoreError` for an unknown id.
   */
  finishRun(id: string, outcome: Exclude<RunOutcome, "running">, reason?: string): Run;
  run(id: string): Run | undefined;
  /** The agent's most recently started run. */
  latestRun(agentId: string): Run | undefined;
  /**
   * Runs of any agent that were running at or after `since`: started then, finished then, or
   * still running. Oldest first (for `report`).
   */
  runsSince(since: Date): Run[];
  /**
   * Mark as `crashed` the agent's `running` runs on this host whose process is gone (or whose
   * pid is now this process's, started before it: a reused pid). Returns the runs marked.
   */
  markCrashedRuns(agentId: string, host: string): Run[];
}

// ── work items and checkpoints ──────────────────────────────────────────────────────────────

/** What GitHub and git should show for a work item; drift checks compare against it. */
export interface ExpectedState {
  issueNumber: number;
  /** The login that holds the claim (the assignee). */
  login?: string;
  agentLabel?: string;
  /** The claim lease's epoch. */
  epoch?: number;
  branch?: string;
  headSha?: string;
  prNumber?: number;
  baseSha?: string;
  /** What the loop last pushed to the remote branch (drift: deleted or rewritten since). */
  pushedSha?: string;
}

/**
 * What a work item does: deliver an issue as a pull request, rework one of our pull requests in
 * review (CI failed, changes requested, conflicts), or land (merge) it.
 */
export const WORK_KINDS = ["deliver", "rework", "land"] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

/** One attempt at one issue. */
export interface WorkItem {
  id: number;
  kind: WorkKind;
  /** For rework: which round on this pull request (1 for the first). */
  round?: number;
  /** The run that created it; later transitions may belong to later runs. */
  runId: string;
  issueNumber: number;
  /** 1 for the first attempt at this issue, counted across runs. */
  attempt: number;
  state: WorkItemState;
  branch?: string;
  headSha?: string;
  baseSha?: string;
  prNumber?: number;
  /** The agent's process and process group, while it runs (so a restart can stop it). */
  agentPid?: number;
  agentPgid?: number;
  claimEpoch?: number;
  expected?: ExpectedState;
  /** What the agent reported spending on this item; undefined until its run was recorded. */
  spend?: AgentSpend;
  createdAt: Date;
  updatedAt: Date;
}

/** A recorded transition. Checkpoints are append-only. */
export interface Checkpoint {
  id: number;
  workItemId: number;
  runId: string;
  /** Absent for the checkpoint that created the work item. */
  fromState?: WorkItemState;
  toState: WorkItemState;
  at: Date;
  detail?: JsonObject;
}

/** Fields recorded on a work item. In a transition `undefined` keeps a value and `null` clears it. */
export interface WorkItemFields {
  branch?: string | null;
  headSha?: string | null;
  baseSha?: string | null;
  prNumber?: number | null;
  agentPid?: number | null;
  agentPgid?: number | null;
  claimEpoch?: number | null;
  /** Replaces the recorded expected state as a whole. */
  expected?: ExpectedState | null;
  /** The agent's spend on this item so far (all its runs), replacing what was recorded. */
  spend?: AgentSpend | null;
}

export interface NewWorkItem extends WorkItemFields {
  runId: string;
  /** Defaults to `deliver`. */
  kind?: WorkKind;
  round?: number;
  issueNumber: number;
  /** Defaults to `reconcile`. */
  state?: WorkItemState;
  /** Recorded on the first checkpoint. */
  detail?: JsonObject;
}

export interface Transition extends WorkItemFields {
  to: WorkItemState;
  /** The run making the transition; defaults to the run that created the work item. */
  runId?: string;
  detail?: JsonObject;
}

export interface WorkItemLog {
  /** Create the next attempt at an issue and its first checkpoint, in one transaction. */
  createWorkItem(item: NewWorkItem): WorkItem;
  /**
   * Move a work item to another state: updates the item and appends the checkpoint in one
   * transaction (both or neither). Throws `StoreError` when the item is in a terminal state.
   */
  transition(workItemId: number, transition: Transition): Checkpoint;
  workItem(id: number): WorkItem | undefined;
  /** The agent's work items not in a terminal state, newest first. */
  unfinishedWorkItems(agentId: string): WorkItem[];
  /** The newest checkpoint of any run, or of the agent's runs. */
  latestCheckpoint(agentId?: string): Checkpoint | undefined;
  /** A work item's checkpoints, oldest first. */
  checkpoints(workItemId: number): Checkpoint[];
  /** Every attempt at an issue, oldest first. */
  attemptsFor(issueNumber: number): WorkItem[];
  /** Work items of any agent changed at or after `since` (created, or moved to a state), oldest first (for `report`). */
  workItemsSince(since: Date): WorkItem[];
  /**
   * `reset --state-only`: delete runs, work items and checkpoints. The audit log, drift and
   * recovery events and the loop lock stay. The caller makes sure no loop is running.
   */
  clearLocalState(): { runs: number; workItems: number; checkpoints: number };
}

// ── audit log ───────────────────────────────────────────────────────────────────────────────

export interface AuditEntryInput {
  runId?: string;
  workItemId?: number;
  system: "github" | "git";
  /**
   * What was done: for GitHub the method and route template (`POST /repos/{owner}/{repo}/git/refs`),
   * for git a verb (`push`, `delete-branch`).
   */
  action: string;
  /** What it was done to: the API path (`/repos/acme/widgets/issues/12`), a branch (`origin/agent001/12-fix`). */
  target: string;
  outcome: "ok" | "error";
  detail?: JsonObject;
}

export interface AuditEntry extends AuditEntryInput {
  id: number;
  at: Date;
}

export interface AuditLog {
  /** Record a GitHub or git write. Anything shaped like a token is redacted before it is stored. */
  audit(entry: AuditEntryInput): AuditEntry;
  /** Entries at or after `since`; with `limit`, the latest `limit` of them. Oldest first. */
  auditEntries(query?: { since?: Date; limit?: number }): AuditEntry[];
}

// ── HTTP cache ──────────────────────────────────────────────────────────────────────────────

export interface CachedResponse {
  etag?: string;
  lastModified?: string;
  status: number;
  body: string;
  headers: Record<string, string>;
  storedAt: Date;
}

export interface HttpCache {
  /** `key` is the caller's: method, URL and an id of the authentication scope. */
  getCachedResponse(key: string): CachedResponse | undefined;
  /** Store (or replace) a response; the oldest entries beyond the store's bound are evicted. */
  putCachedResponse(key: string, entry: Omit<CachedResponse, "storedAt">): void;
}

// ── drift and recovery events ───────────────────────────────────────────────────────────────

export interface DriftEventInput {
  runId?: string;
  workItemId?: number;
  issueNumber?: number;
  /**
   * A `DriftKind` when the loop records it; read back as recorded, so a row an older or newer
   * version wrote still reads.
   */
  kind: string;
  severity: DriftSeverity;
  expected: JsonObject;
  found: JsonObject;
  /** What was done about it, e.g. `recorded`, `rebased`, `stopped-agent`. */
  action: string;
  outcome: string;
}

export interface DriftEvent extends DriftEventInput {
  id: number;
  at: Date;
}

export type RecoveryOutcome = "recovered" | "gave-up" | "escalated";

export interface RecoveryEventInput {
  runId?: string;
  workItemId?: number;
  issueNumber?: number;
  /** e.g. `network`, `rate-limit`, `agent-timeout`. */
  errorClass: string;
  /** e.g. `backoff`, `rebase`, `escalate`. */
  strategy: string;
  tries: number;
  outcome: RecoveryOutcome;
  durationMs: number;
  detail?: JsonObject;
}

export interface RecoveryEvent extends RecoveryEventInput {
  id: number;
  at: Date;
}

export interface EventLog {
  recordDrift(event: DriftEventInput): DriftEvent;
  /** Oldest first. */
  listDrifts(query?: { since?: Date; issueNumber?: number }): DriftEvent[];
  recordRecovery(event: RecoveryEventInput): RecoveryEvent;
  /** Oldest first. */
  listRecoveries(query?: { since?: Date }): RecoveryEvent[];
  /** `reset --recovery-only`; returns how many events were deleted. */
  clearRecoveries(): number;
}

// ── trust gate ──────────────────────────────────────────────────────────────────────────────

/** An issue the loop refused to work unattended (design §5 "Trust gate"), as last judged. */
export interface TrustRefusal {
  issueNumber: number;
  /** Which approval was refused (the id of its `labeled` event, or `none`): a new one is judged afresh. */
  approval: string;
  reason: string;
  at: Date;
  /** Set before the re-approval comment is posted, so a crash in between is looked for, not repeated. */
  commentPosting: boolean;
  commentUrl?: string;
}

export interface TrustRefusals {
  /** Record a refusal; the comment state is kept while the approval is the same, reset when it changed. */
  recordTrustRefusal(refusal: { issueNumber: number; approval: string; reason: string }): TrustRefusal;
  markTrustCommentPosting(issueNumber: number): void;
  markTrustCommentPosted(issueNumber: number, url: string): void;
  /** The issue passed the gate (or left the queue): forget the refusal. */
  clearTrustRefusal(issueNumber: number): void;
  trustRefusal(issueNumber: number): TrustRefusal | undefined;
  /** Every refusal, by issue number. */
  trustRefusals(): TrustRefusal[];
}

// ── loop lock ───────────────────────────────────────────────────────────────────────────────

export interface LoopLockKey {
  repository: string;
  agentId: string;
}

export interface LoopLockRequest extends LoopLockKey {
  pid: number;
  host: string;
  runId: string;
  /**
   * Take over a lock whose heartbeat is older than this, whatever its host (a pid on another
   * host cannot be checked). Without it, only a holder known to be gone is taken over.
   */
  staleAfterMs?: number;
}

export interface LoopLockHolder {
  pid: number;
  host: string;
  runId: string;
  since: Date;
  heartbeatAt: Date;
}

export type LoopLockResult =
  | { acquired: true; takeover?: { holder: LoopLockHolder; reason: "process-gone" | "heartbeat-stale" } }
  | { acquired: false; holder: LoopLockHolder };

/** One autonomous loop per repository and agent id (design §5). */
export interface LoopLocks {
  /**
   * Take the lock, atomically across processes. A lock held by a process that is gone from this
   * host (or by this very pid, under another run: a reused pid) is taken over, and the result
   * says so. Acquiring again with the same run id is idempotent.
   */
  acquireLoopLock(request: LoopLockRequest): LoopLockResult;
  /** Refresh the heartbeat; false when the lock is no longer this run's (it was taken over). */
  heartbeatLoopLock(key: LoopLockKey & { runId: string }): boolean;
  /** Release the lock if this run holds it; false when it did not. */
  releaseLoopLock(key: LoopLockKey & { runId: string }): boolean;
  /** Who holds the lock, if anyone (for `continuity-status`). */
  loopLock(key: LoopLockKey): LoopLockHolder | undefined;
}

// ── the store ───────────────────────────────────────────────────────────────────────────────

export interface IntegrityReport {
  ok: boolean;
  /** What SQLite found; empty when ok. */
  messages: string[];
}

export interface Store extends RunLog, WorkItemLog, AuditLog, HttpCache, EventLog, LoopLocks, TrustRefusals {
  /** A full integrity check; never throws for corruption, reports it. */
  integrityCheck(): IntegrityReport;
  /** The schema version of the open file. */
  schemaVersion(): number;
  close(): void;
}
