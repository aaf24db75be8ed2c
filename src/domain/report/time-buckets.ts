/**
 * The report's time series: the window cut into equal buckets aligned on UTC boundaries, so two
 * reports of the same night show the same bars. Hours for a window up to two days, days beyond;
 * ten minutes for a window of three hours or less, where hourly bars would say nothing.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type BucketUnit = "10min" | "hour" | "day";

const BUCKET_MS: Record<BucketUnit, number> = { "10min": 10 * MINUTE, hour: HOUR, day: DAY };

export function bucketUnitFor(windowMs: number): BucketUnit {
  if (windowMs <= 3 * HOUR) return "10min";
  if (windowMs <= 2 * DAY) return "hour";
  return "day";
}

/** The start of every bucket that overlaps [since, until], oldest first. */
export function bucketStarts(since: Date, until: Date, unit: BucketUnit): Date[] {
  const size = BUCKET_MS[unit];
  const first = Math.floor(since.getTime() / size) * size;
  const starts: Date[] = [];
  for (let start = first; start <= until.getTime(); start += size) starts.push(new Date(start));
  return starts;
}

/**
 * How many events of each kind fall in each bucket. Events outside the buckets are left out;
 * every kind named in `kinds` has a count in every bucket, zero included.
 */
export function countIntoBuckets<K extends string>(
  events: ReadonlyArray<{ at: Date; kind: K }>,
  starts: readonly Date[],
  unit: BucketUnit,
  kinds: readonly K[],
): Array<{ start: Date; counts: Record<K, number> }> {
  const size = BUCKET_MS[unit];
  const buckets = starts.map((start) => ({
    start,
    counts: Object.fromEntries(kinds.map((kind) => [kind, 0])) as Record<K, number>,
  }));
  const first = starts[0]?.getTime();
  if (first === undefined) return buckets;
  for (const event of events) {
    const index = Math.floor((event.at.getTime() - first) / size);
    const bucket = buckets[index];
    if (index < 0 || !bucket || !(event.kind in bucket.counts)) continue;
    bucket.counts[event.kind] += 1;
  }
  return buckets;
}
