import { ineligibilityOf, needsViewerToJudge } from "../domain/eligibility.js";
import type { Issue } from "../domain/issue.js";
import { LABEL } from "../domain/labels.js";
import { PRIORITY_LEVELS, priorityOf, type Priority } from "../domain/priority.js";
import { sortByQueueOrder } from "../domain/queue-order.js";
import type { IssueTracker } from "./ports.js";

/** All the queue read needs of GitHub. */
export type QueueSource = Pick<IssueTracker, "listOpenIssues" | "getViewer">;

const PAGE_SIZE = 100;

export interface QueueRead {
  /** Eligible issues found, in queue order. When `complete`, this is the whole queue. */
  tasks: Issue[];
  /** Whether every eligible issue was seen (the queue fit in the pages read). */
  complete: boolean;
  /** Exact count of eligible issues per priority, or null for a level not fully seen. */
  byPriority: Record<Priority, number | null>;
  /** Every issue read on the way, eligible or not (status looks for contradictions in them). */
  seen: Issue[];
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
 */
export async function readQueue(tracker: QueueSource, options: ReadQueueOptions): Promise<QueueRead> {
  const viewer = lazyViewer(tracker);
  const [unblockers, ready] = await Promise.all([
    tracker.listOpenIssues({ labels: [LABEL.unblocker], perPage: PAGE_SIZE }),
    tracker.listOpenIssues({ labels: [LABEL.ready], perPage: PAGE_SIZE }),
  ]);

  if (!unblockers.hasNextPage && !ready.hasNextPage) {
    const tasks = sortByQueueOrder(await eligibleOf(dedupe([...unblockers.issues, ...ready.issues]), viewer));
    const seen = dedupe([...unblockers.issues, ...ready.issues]);
    return { tasks, complete: true, byPriority: countByPriority(tasks), seen };
  }

  const byPriority = emptyCounts();
  const tasks: Issue[] = [];
  const seen = [...unblockers.issues, ...ready.issues];
  const top = await eligibleOf(unblockers.issues, viewer);
  tasks.push(...sortByQueueOrder(top));
  byPriority[5] = unblockers.hasNextPage ? null : top.length;

  // Every level at once: one round trip instead of four (design §9). At worst the same requests as
  // reading them in turn; more only when a high level alone would have been enough.
  const levels = PRIORITY_LEVELS.slice(1);
  const pages =
    tasks.length >= options.want && !options.countAllLevels
      ? []
      : await Promise.all(
          levels.map((level) => tracker.listOpenIssues({ labels: [LABEL.ready, level.label], perPage: PAGE_SIZE })),
        );
  for (const [index, page] of pages.entries()) {
    const level = levels[index];
    if (!level || (tasks.length >= options.want && !options.countAllLevels)) break;
    seen.push(...page.issues);
    // An issue carrying two priority labels belongs to the higher level, already read.
    const atLevel = page.issues.filter((issue) => priorityOf(issue.labels) === level.priority);
    const eligible = await eligibleOf(atLevel, viewer);
    tasks.push(...sortByQueueOrder(eligible));
    byPriority[level.priority] = page.hasNextPage ? null : eligible.length;
  }

  if (tasks.length < options.want || options.countAllLevels) {
    // Unprioritised issues cannot be filtered by label; the oldest ready page holds the oldest of them.
    const unprioritised = ready.issues.filter((issue) => priorityOf(issue.labels) === 0);
    tasks.push(...sortByQueueOrder(await eligibleOf(unprioritised, viewer)));
  }
  byPriority[0] = null;
  return { tasks, complete: false, byPriority, seen: dedupe(seen) };
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
