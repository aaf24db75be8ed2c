import type {
  AuditEntry,
  AuditEntryInput,
  CachedResponse,
  Checkpoint,
  DriftEvent,
  DriftEventInput,
  IntegrityReport,
  LoopLockHolder,
  LoopLockKey,
  LoopLockRequest,
  LoopLockResult,
  NewRun,
  NewWorkItem,
  RecoveryEvent,
  RecoveryEventInput,
  Run,
  RunOutcome,
  Store,
  Transition,
  TrustRefusal,
  WorkItem,
} from "../core/store-port.js";
import { audit, auditEntries } from "./audit-log.js";
import { recordDrift, listDrifts } from "./drift-events.js";
import { getCachedResponse, putCachedResponse } from "./http-cache.js";
import { findIntegrityProblems } from "./integrity.js";
import { acquireLoopLock, heartbeatLoopLock, loopLock, releaseLoopLock } from "./loop-lock.js";
import { readSchemaVersion } from "./migrations.js";
import { clearRecoveries, listRecoveries, recordRecovery } from "./recovery-events.js";
import { finishRun, getRun, latestRun, markCrashedRuns, runsSince, startRun } from "./runs.js";
import { toStoreError } from "./sqlite-errors.js";
import * as trust from "./trust-refusals.js";
import type { StoreContext } from "./store-context.js";
import * as queries from "./work-item-queries.js";
import { createWorkItem, transition } from "./work-items.js";

/** The `Store` port over one better-sqlite3 connection; every SQLite error leaves as a `StoreError`. */
export class SqliteStore implements Store {
  constructor(private readonly ctx: StoreContext) {}

  get path(): string {
    return this.ctx.path;
  }

  startRun(run: NewRun): Run {
    return this.guard(() => startRun(this.ctx, run));
  }
  finishRun(id: string, outcome: Exclude<RunOutcome, "running">, reason?: string): Run {
    return this.guard(() => finishRun(this.ctx, id, outcome, reason));
  }
  run(id: string): Run | undefined {
    return this.guard(() => getRun(this.ctx, id));
  }
  latestRun(agentId: string): Run | undefined {
    return this.guard(() => latestRun(this.ctx, agentId));
  }
  runsSince(since: Date): Run[] {
    return this.guard(() => runsSince(this.ctx, since));
  }
  markCrashedRuns(agentId: string, host: string): Run[] {
    return this.guard(() => markCrashedRuns(this.ctx, agentId, host));
  }

  createWorkItem(item: NewWorkItem): WorkItem {
    return this.guard(() => createWorkItem(this.ctx, item));
  }
  transition(workItemId: number, change: Transition): Checkpoint {
    return this.guard(() => transition(this.ctx, workItemId, change));
  }
  workItem(id: number): WorkItem | undefined {
    return this.guard(() => queries.getWorkItem(this.ctx, id));
  }
  unfinishedWorkItems(agentId: string): WorkItem[] {
    return this.guard(() => queries.unfinishedWorkItems(this.ctx, agentId));
  }
  latestCheckpoint(agentId?: string): Checkpoint | undefined {
    return this.guard(() => queries.latestCheckpoint(this.ctx, agentId));
  }
  checkpoints(workItemId: number): Checkpoint[] {
    return this.guard(() => queries.checkpointsOf(this.ctx, workItemId));
  }
  attemptsFor(issueNumber: number): WorkItem[] {
    return this.guard(() => queries.attemptsFor(this.ctx, issueNumber));
  }
  workItemsSince(since: Date): WorkItem[] {
    return this.guard(() => queries.workItemsSince(this.ctx, since));
  }
  clearLocalState(): { runs: number; workItems: number; checkpoints: number } {
    return this.guard(() => queries.clearLocalState(this.ctx));
  }

  audit(entry: AuditEntryInput): AuditEntry {
    return this.guard(() => audit(this.ctx, entry));
  }
  auditEntries(query?: { since?: Date; limit?: number }): AuditEntry[] {
    return this.guard(() => auditEntries(this.ctx, query));
  }

  getCachedResponse(key: string): CachedResponse | undefined {
    return this.guard(() => getCachedResponse(this.ctx, key));
  }
  putCachedResponse(key: string, entry: Omit<CachedResponse, "storedAt">): void {
    this.guard(() => putCachedResponse(this.ctx, key, entry));
  }

  recordDrift(event: DriftEventInput): DriftEvent {
    return this.guard(() => recordDrift(this.ctx, event));
  }
  listDrifts(query?: { since?: Date; issueNumber?: number }): DriftEvent[] {
    return this.guard(() => listDrifts(this.ctx, query));
  }
  recordRecovery(event: RecoveryEventInput): RecoveryEvent {
    return this.guard(() => recordRecovery(this.ctx, event));
  }
  listRecoveries(query?: { since?: Date }): RecoveryEvent[] {
    return this.guard(() => listRecoveries(this.ctx, query));
  }
  clearRecoveries(): number {
    return this.guard(() => clearRecoveries(this.ctx));
  }

  recordTrustRefusal(refusal: { issueNumber: number; approval: string; reason: string }): TrustRefusal {
    return this.guard(() => trust.recordTrustRefusal(this.ctx, refusal));
  }
  markTrustCommentPosting(issueNumber: number): void {
    this.guard(() => trust.markCommentPosting(this.ctx, issueNumber));
  }
  markTrustCommentPosted(issueNumber: number, url: string): void {
    this.guard(() => trust.markCommentPosted(this.ctx, issueNumber, url));
  }
  clearTrustRefusal(issueNumber: number): void {
    this.guard(() => trust.clearTrustRefusal(this.ctx, issueNumber));
  }
  trustRefusal(issueNumber: number): TrustRefusal | undefined {
    return this.guard(() => trust.trustRefusal(this.ctx, issueNumber));
  }
  trustRefusals(): TrustRefusal[] {
    return this.guard(() => trust.trustRefusals(this.ctx));
  }

  acquireLoopLock(request: LoopLockRequest): LoopLockResult {
    return this.guard(() => acquireLoopLock(this.ctx, request));
  }
  heartbeatLoopLock(key: LoopLockKey & { runId: string }): boolean {
    return this.guard(() => heartbeatLoopLock(this.ctx, key));
  }
  releaseLoopLock(key: LoopLockKey & { runId: string }): boolean {
    return this.guard(() => releaseLoopLock(this.ctx, key));
  }
  loopLock(key: LoopLockKey): LoopLockHolder | undefined {
    return this.guard(() => loopLock(this.ctx, key));
  }

  /** Corruption is the answer here, not an exception: `continuity-status` reports it. */
  integrityCheck(): IntegrityReport {
    try {
      const messages = findIntegrityProblems(this.ctx.db, "full");
      return { ok: messages.length === 0, messages };
    } catch (error) {
      return { ok: false, messages: [error instanceof Error ? error.message : String(error)] };
    }
  }
  schemaVersion(): number {
    return this.guard(() => readSchemaVersion(this.ctx.db));
  }
  close(): void {
    if (this.ctx.db.open) this.ctx.db.close();
  }

  private guard<T>(operation: () => T): T {
    try {
      return operation();
    } catch (error) {
      throw toStoreError(error, this.ctx.path);
    }
  }
}
