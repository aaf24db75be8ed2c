import type { AuditEntryInput } from "./store-port.js";

/** Whom a write is made for: the autonomous loop's run and the work item it is acting on. */
export interface AuditScope {
  runId?: string;
  workItemId?: number;
}

/**
 * The scope stamped on each audit entry (design §8). The autonomous loop sets it as it takes up a
 * run and each work item; the audit hooks read it at every write. The composition root makes one
 * per process and passes it to both sides, so nothing reaches for a module-level singleton.
 */
export class AuditContext {
  private scope: AuditScope = {};

  set(scope: AuditScope): void {
    this.scope = { ...scope };
  }

  current(): AuditScope {
    return this.scope;
  }
}

/** A GitHub or git write as the hooks see it; the scope is added as it is recorded. */
export type AuditedWrite = Omit<AuditEntryInput, "runId" | "workItemId">;

/**
 * Records a write made (or attempted). Never throws: the write has happened by then, and a
 * failing audit must not turn it into a failure the caller would roll back or retry.
 */
export type RecordWrite = (write: AuditedWrite) => Promise<void>;
