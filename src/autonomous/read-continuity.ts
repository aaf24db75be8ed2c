import type { GitWorkspace, IssueTracker } from "../core/ports.js";
import type { Checkpoint, Store, WorkItem } from "../core/store-port.js";
import { SodaError, StoreError } from "../errors/index.js";
import {
  notPredicted,
  toCheckpointRecord,
  toLoopRecord,
  toRunRecord,
  toTransitionRecord,
  type ContinuityReport,
  type RestartRecord,
} from "./continuity-report.js";
import { lazyTracker } from "./lazy-tracker.js";
import { predictRestart } from "./predict-restart.js";

export type * from "./continuity-report.js";

/**
 * `continuity-status` (design §4, §8): where the autonomous loop stands for one agent, read from
 * the local store — the current or last checkpoint, the latest run, whether a loop holds the lock,
 * the store's integrity — and what a restart would do, decided exactly as `spawn` would. Returns
 * data; a damaged store is part of the answer, never an exception and never discarded.
 */

export interface ContinuityDeps {
  /**
   * The store opened without the damage check (so a damaged file can be reported), or undefined
   * when there is none. Throws `StoreError` when the file cannot be opened at all. Closed here.
   */
  openStore(): Store | undefined;
  /** GitHub; asked for only when a prediction needs it (there is unfinished work). */
  tracker(): Promise<IssueTracker>;
  /** The checkout; undefined outside one (there is no store then either). */
  git: GitWorkspace | undefined;
  isProcessAlive(pid: number): boolean;
  isProcessGroupAlive(pgid: number): boolean;
  now(): Date;
}

export interface ContinuityInput {
  agentId: string;
  /** owner/name; when unknown, the latest run's repository keys the loop lock. */
  repository: string | undefined;
  /** This machine's host name. */
  host: string;
  storePath: string;
  /** A lock held from another host with a heartbeat older than this counts as left by a dead loop. */
  staleAfterMs: number;
}

export async function readContinuity(deps: ContinuityDeps, input: ContinuityInput): Promise<ContinuityReport> {
  const base: ContinuityReport = {
    agent: input.agentId,
    repository: input.repository ?? null,
    store: { path: input.storePath, exists: false, schemaVersion: null },
    integrity: null,
    checkpoint: null,
    checkpoints: [],
    run: null,
    loop: null,
    restart: null,
    unreadable: [],
  };
  let store: Store | undefined;
  try {
    store = deps.openStore();
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    // Not even openable (not a database at all): that is the integrity check's answer.
    return { ...base, store: { ...base.store, exists: true }, integrity: { ok: false, messages: [error.message] } };
  }
  if (!store) return base;
  try {
    return await readFromStore(deps, input, store, base);
  } finally {
    store.close();
  }
}

async function readFromStore(
  deps: ContinuityDeps,
  input: ContinuityInput,
  store: Store,
  base: ContinuityReport,
): Promise<ContinuityReport> {
  const now = deps.now();
  const unreadable: string[] = [];
  // A damaged store may fail any read: each part that fails is named, the others still shown.
  const read = <T>(part: string, fallback: T, reading: () => T): T => {
    try {
      return reading();
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      unreadable.push(`${part}: ${error.message}`);
      return fallback;
    }
  };
  const integrity = store.integrityCheck();
  const schemaVersion = read("schema version", null, () => store.schemaVersion());
  const run = read("latest run", undefined, () => store.latestRun(input.agentId));
  const located = read("checkpoints", undefined, () => locateCheckpoint(store, input.agentId));
  const repository = input.repository ?? run?.repository;
  const holder =
    repository === undefined
      ? undefined
      : read("loop lock", undefined, () => store.loopLock({ repository, agentId: input.agentId }));
  const restart =
    unreadable.length > 0 ? notPredicted("the store could not be read") : await predict(deps, store, input.agentId);
  return {
    ...base,
    repository: repository ?? null,
    store: { path: input.storePath, exists: true, schemaVersion },
    integrity,
    checkpoint: located ? toCheckpointRecord(located.item, located.latest, located.current, now) : null,
    checkpoints: located ? located.trail.map(toTransitionRecord) : [],
    run: run ? toRunRecord(run, input.host, deps.isProcessAlive) : null,
    loop: toLoopRecord(holder, {
      host: input.host,
      now,
      isProcessAlive: deps.isProcessAlive,
      staleAfterMs: input.staleAfterMs,
    }),
    restart,
    unreadable,
  };
}

interface LocatedCheckpoint {
  item: WorkItem;
  trail: Checkpoint[];
  latest: Checkpoint;
  current: boolean;
}

/** The unfinished work item's latest checkpoint (where a restart picks up), else the agent's last one. */
function locateCheckpoint(store: Store, agentId: string): LocatedCheckpoint | undefined {
  const [unfinished] = store.unfinishedWorkItems(agentId);
  const item = unfinished ?? workItemOf(store, store.latestCheckpoint(agentId));
  if (!item) return undefined;
  const trail = store.checkpoints(item.id);
  const latest = trail.at(-1);
  return latest ? { item, trail, latest, current: unfinished !== undefined } : undefined;
}

function workItemOf(store: Store, checkpoint: Checkpoint | undefined): WorkItem | undefined {
  return checkpoint ? store.workItem(checkpoint.workItemId) : undefined;
}

async function predict(deps: ContinuityDeps, store: Store, agentId: string): Promise<RestartRecord> {
  if (!deps.git) return notPredicted("not inside a git checkout");
  try {
    const prediction = await predictRestart(
      { tracker: lazyTracker(deps.tracker), git: deps.git, isProcessGroupAlive: deps.isProcessGroupAlive },
      store,
      agentId,
    );
    const { decision } = prediction;
    return {
      predicted: true,
      action: decision.action,
      at: decision.action === "resume" ? decision.at : null,
      reason: decision.reason,
      issue: prediction.workItem?.issueNumber ?? null,
      kind: prediction.workItem?.kind ?? null,
      pr: prediction.workItem?.prNumber ?? null,
      agentRunning: prediction.agentRunning,
    };
  } catch (error) {
    // GitHub unreachable, no token, a git failure: the local part of the report still stands.
    if (error instanceof StoreError) return notPredicted("the store could not be read");
    if (error instanceof SodaError) return notPredicted(error.message);
    throw error;
  }
}
