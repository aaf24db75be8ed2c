import type { Issue } from "./issue.js";
import { priorityOf } from "./priority.js";

/** Queue order (design §2): highest priority first, then oldest, then lowest number. */
export function compareQueueOrder(a: Issue, b: Issue): number {
  return (
    priorityOf(b.labels) - priorityOf(a.labels) || a.createdAt.getTime() - b.createdAt.getTime() || a.number - b.number
  );
}

export function sortByQueueOrder(issues: readonly Issue[]): Issue[] {
  return [...issues].sort(compareQueueOrder);
}
