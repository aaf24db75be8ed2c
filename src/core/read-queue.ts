import { ineligibilityOf, needsViewerToJudge } from "../domain/eligibility.js";
import type { Issue } from "../domain/issue.js";
import { LABEL } from "../domain/labels.js";
import { PRIORITY_LEVELS, priorityOf, type Priority } from "../domain/priority.js";
import { sortByQueueOrder } from "../domain/queue-order.js";
import type { IssueTracker } from "./ports.js";
import { factOfOpenIssue } from "../domain/dependencies.js";
import { factsFromListing, isSurelyClear, screenDependencies, type WaitingIssue } from "./screen-dependencies.js";

/** All the queue read needs of GitHub. */
export type QueueSource = Pick<IssueTracker, "listOpenIssues" | "getViewer" | "readIssueStates">;

const PAGE_SIZE = 100;

export interface QueueRead {
  /** Issues free to start, in queue order. When `complete`, this is the whole queue. */
  tasks: Issue[];
  /** Whether every eligible issue was seen (the queue fit in the pages read). */
  complete: boolean;
  /** Exact count of issues free to start per priority, or null for a level not fully seen. */
  byPriority: Record<Priority, number | null>;
  /** Every issue read on the way, eligible or not (status looks for contradictions in them). */
  seen: Issue[];
  /** Queued issues otherwise eligible that wait for their dependencies (design §2), in queue order. */
  waiting: WaitingIssue[];
}

export interface ReadQueueOptions {
  /** Stop once this many tasks are known to be the first ones. */
  want: number;
  /** Read every priority level even after `want` is met (status wants the counts). */
  countAllLevels?: boolean;
}

/**
 * The one selection function behind `peek`, `pop` and `status` (design §2 order, §9 bounds).
 *
 * Two requests read the whole queue when it fits in one page of the oldest `route:ready`
 * issues plus one of `route:unblocker`. A longer queue is read by priority level, oldest
 * first in each, taking levels in order until enough eligible issues are found, so the
 * number of requests depends on the number of levels, never on the queue's length.
 * Dependencies are screened last, over the issues read, with at most one more request.
 */
export async function readQueue(tracker: QueueSource, options: ReadQueueOptions): Promise<QueueRead> {
  const viewer = lazyViewer(tracker);
  const [unblockers, ready] = await Promise.all([
    tracker.listOpenIssues({ labels: [LABEL.unblocker], perPage: PAGE_SIZE }),
    tracker.listOpenIssues({ labels: [LABEL.ready], perPage: PAGE_SIZE }),
  ]);

  if (!unblockers.hasNextPage && !ready.hasNextPage) {
    const seen = dedupe([...unblockers.issues, ...ready.issues]);
    const screen = await screenDependencies(
      sortByQueueOrder(await eligibleOf(seen, viewer)),
      factsFromListing(seen),
      tracker,
    );
    return {
      tasks: screen.clear,
      complete: true,
      byPriority: countByPriority(screen.clear),
      seen,
      waiting: screen.waiting,
    };
  }

  const seen = [...unblockers.issues, ...ready.issues];
  const known = factsFromListing(seen);
  // Levels in order; a level's issues count towards `want` only when surely free to start.
  const byLevel: Array<{ priority: Priority; issues: Issue[]; fullySeen: boolean }> = [];
  let surelyClear = 0;
  const take = (priority: Priority, issues: Issue[], fullySeen: boolean) => {
    byLevel.push({ priority, issues, fullySeen });
    surelyClear += issues.filter((issue) => isSurelyClear(issue, known)).length;
  };
  const enough = () => surelyClear >= options.want && !options.countAllLevels;
  take(5, sortByQueueOrder(await eligibleOf(unblockers.issues, viewer)), !unblockers.hasNextPage);

  // Every level at once: one round trip instead of four (design §9). At worst the same requests as
  // reading them in turn; more only when a high level alone would have been enough.
  const levels = PRIORITY_LEVELS.slice(1);
  const pages = enough()
    ? []
    : await Promise.all(
        levels.map((level) => tracker.listOpenIssues({ labels: [LABEL.ready, level.label], perPage: PAGE_SIZE })),
      );
  for (const page of pages) for (const issue of page.issues) known.set(issue.number, factOfOpenIssue(issue));
  for (const [index, page] of pages.entries()) {
    const level = levels[index];
    if (!level || enough()) break;
    seen.push(...page.issues);
    // An issue carrying two priority labels belongs to the higher level, already read.
    const atLevel = page.issues.filter((issue) => priorityOf(issue.labels) === level.priority);
    take(level.priority, sortByQueueOrder(await eligibleOf(atLevel, viewer)), !page.hasNextPage);
  }
  if (!enough()) {
    // Unprioritised issues cannot be filtered by label; the oldest ready page holds the oldest of them.
    const unprioritised = ready.issues.filter((issue) => priorityOf(issue.labels) === 0);
    take(0, sortByQueueOrder(await eligibleOf(unprioritised, viewer)), false);
  }

  const screen = await screenDependencies(
    byLevel.flatMap((level) => level.issues),
    known,
    tracker,
  );
  const free = new Set(screen.clear);
  const byPriority = emptyCounts();
  for (const level of byLevel)
    byPriority[level.priority] = level.fullySeen ? level.issues.filter((issue) => free.has(issue)).length : null;
  byPriority[0] = null;
  return { tasks: screen.clear, complete: false, byPriority, seen: dedupe(seen), waiting: screen.waiting };
}

function emptyCounts(): Record<Priority, number | null> {
  return { 5: 0, 4: 0, 3: 0, 2: 0, 1: 0, 0: 0 };
}

function countByPriority(tasks: readonly Issue[]): Record<Priority, number | null> {
  const counts = emptyCounts();
  for (const task of tasks) {
    const priority = priorityOf(task.labels);
    counts[priority] = (counts[priority] ?? 0) + 1;
  }
  return counts;
}

function dedupe(issues: readonly Issue[]): Issue[] {
  const byNumber = new Map<number, Issue>();
  for (const issue of issues) byNumber.set(issue.number, issue);
  return [...byNumber.values()];
}

/** Only issues with assignees need the viewer's login, so most reads never ask for it. */
function lazyViewer(tracker: QueueSource): () => Promise<string> {
  let login: Promise<string> | undefined;
  return () => (login ??= tracker.getViewer().then((viewer) => viewer.login));
}

async function eligibleOf(issues: readonly Issue[], viewer: () => Promise<string>): Promise<Issue[]> {
  const login = issues.some(needsViewerToJudge) ? await viewer() : undefined;
  return issues.filter((issue) => ineligibilityOf(issue, login) === null);
}
