/** Counts, most frequent first; ties in name order, so reports are stable from run to run. */
export function rankCounts(counts: ReadonlyMap<string, number>): Array<[string, number]> {
  return [...counts].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0));
}

/** How often each key occurs. */
export function countBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const name = key(item);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}
