import type { Issue } from "./issue.js";
import { priorityOf } from "./priority.js";

/**
 * The order one agent tries the queue's issues in (design §3 "Contention"). The issues of the
 * highest priority level present are rotated by a stable hash of the agent id, so agents that
 * start at the same moment first try different issues instead of all racing for the oldest, and
 * each goes on from its pick to the next ones of the level (wrapping round). Lower levels follow
 * in queue order: no issue is tried before one of a higher level.
 *
 * `tasks` must be in queue order; the first `count` of the result are returned.
 */
export function spreadCandidates(tasks: readonly Issue[], agentId: string, count: number): Issue[] {
  const [head] = tasks;
  if (!head) return [];
  const level = priorityOf(head.labels);
  const levelEnd = tasks.findIndex((issue) => priorityOf(issue.labels) !== level);
  const top = levelEnd === -1 ? tasks : tasks.slice(0, levelEnd);
  const lower = levelEnd === -1 ? [] : tasks.slice(levelEnd);
  const offset = stableHash(agentId) % top.length;
  return [...top.slice(offset), ...top.slice(0, offset), ...lower].slice(0, count);
}

/** FNV-1a, 32 bits: the same agent id gives the same offset on every machine and every run. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (const unit of new TextEncoder().encode(text)) {
    hash ^= unit;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
