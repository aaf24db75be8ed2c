import type { Issue } from "./issue.js";
import { priorityOf } from "./priority.js";

/**
 * The order one agent tries the queue's issues in (design §3 "Contention"). The head of the queue
 * comes first, so a pop nobody races takes exactly what `peek` shows (SPEC §2). After it, the rest
 * of the head's priority level is rotated by a stable hash of the agent id: agents that lose the
 * head together scatter over their level instead of all trying its second issue, then its third…
 * Lower levels follow in queue order, so no issue is tried before one of a higher level.
 *
 * `tasks` must be in queue order; the first `count` of the result are returned.
 */
export function spreadCandidates(tasks: readonly Issue[], agentId: string, count: number): Issue[] {
  const [head, ...rest] = tasks;
  if (!head) return [];
  const level = priorityOf(head.labels);
  const levelEnd = rest.findIndex((issue) => priorityOf(issue.labels) !== level);
  const sameLevel = levelEnd === -1 ? rest : rest.slice(0, levelEnd);
  const lower = levelEnd === -1 ? [] : rest.slice(levelEnd);
  const offset = sameLevel.length === 0 ? 0 : stableHash(agentId) % sameLevel.length;
  return [head, ...sameLevel.slice(offset), ...sameLevel.slice(0, offset), ...lower].slice(0, count);
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
