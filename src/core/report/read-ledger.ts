import type { Checkpoint, DriftEvent, RecoveryEvent, Run, Store, TrustRefusal, WorkItem } from "../store-port.js";

/** The store's part of a report: what changed in the window, with the history it needs. */
export type ReportStore = Pick<
  Store,
  | "workItemsSince"
  | "runsSince"
  | "checkpoints"
  | "attemptsFor"
  | "listDrifts"
  | "listRecoveries"
  | "trustRefusals"
  | "unfinishedWorkItems"
>;

export interface LedgerItem {
  item: WorkItem;
  checkpoints: Checkpoint[];
}

export interface Ledger {
  /** Work items changed in the window, oldest first, each with all its checkpoints. */
  items: LedgerItem[];
  runs: Run[];
  drifts: DriftEvent[];
  recoveries: RecoveryEvent[];
  trustRefusals: TrustRefusal[];
  /** Work items of the window's agents left in a non-terminal state. */
  unfinished: WorkItem[];
  /** Every attempt at an issue, from any time (cycle times start at the first claim). */
  attemptsFor(issue: number): WorkItem[];
  /** A work item's checkpoints, oldest first. */
  checkpointsOf(workItemId: number): Checkpoint[];
  /** The title recorded when the issue was first claimed, if any. */
  titleOf(issue: number): string | undefined;
}

/** Read the ledger for a window; no store (the loop never ran here) reads as an empty one. */
export function readLedger(store: ReportStore | undefined, since: Date): Ledger {
  if (!store) {
    return {
      items: [],
      runs: [],
      drifts: [],
      recoveries: [],
      trustRefusals: [],
      unfinished: [],
      attemptsFor: () => [],
      checkpointsOf: () => [],
      titleOf: () => undefined,
    };
  }
  const items = store.workItemsSince(since).map((item) => ({ item, checkpoints: store.checkpoints(item.id) }));
  // Each item's checkpoints and each issue's title read once, however often the report asks.
  const checkpoints = new Map(items.map(({ item, checkpoints }) => [item.id, checkpoints]));
  const checkpointsOf = (id: number): Checkpoint[] => {
    let known = checkpoints.get(id);
    if (!known) checkpoints.set(id, (known = store.checkpoints(id)));
    return known;
  };
  const titles = new Map<number, string | undefined>();
  const runs = store.runsSince(since);
  const agents = [...new Set(runs.map((run) => run.agentId))];
  const attempts = new Map<number, WorkItem[]>();
  const attemptsFor = (issue: number): WorkItem[] => {
    let known = attempts.get(issue);
    if (!known) attempts.set(issue, (known = store.attemptsFor(issue)));
    return known;
  };
  return {
    items,
    runs,
    drifts: store.listDrifts({ since }),
    recoveries: store.listRecoveries({ since }),
    trustRefusals: store.trustRefusals(),
    unfinished: agents.flatMap((agent) => store.unfinishedWorkItems(agent)),
    attemptsFor,
    checkpointsOf,
    titleOf: (issue) => {
      if (!titles.has(issue)) {
        const title = attemptsFor(issue)
          .map((attempt) => checkpointsOf(attempt.id)[0]?.detail?.title)
          .find((candidate) => typeof candidate === "string");
        titles.set(issue, title as string | undefined);
      }
      return titles.get(issue);
    },
  };
}
