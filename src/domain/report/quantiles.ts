/**
 * Percentiles for the report's cycle times (design §4 "report"): linear interpolation between
 * the two nearest ranks (the method of most spreadsheets and numpy's default), so the median
 * of an even count is the mean of the middle two and p90 of ten values lies between the ninth
 * and the tenth.
 */

export interface DurationStats {
  count: number;
  /** null when there is nothing to measure. */
  medianMs: number | null;
  p90Ms: number | null;
  minMs: number | null;
  maxMs: number | null;
}

/** The `q` quantile (0 ≤ q ≤ 1) of some values; undefined when there are none. */
export function quantile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile ${q} is outside 0…1`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = q * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] as number;
  const highValue = sorted[high] as number;
  return lowValue + (highValue - lowValue) * (rank - low);
}

export function median(values: readonly number[]): number | undefined {
  return quantile(values, 0.5);
}

/** Count, median, p90 and range of some durations, in whole milliseconds. */
export function durationStats(durationsMs: readonly number[]): DurationStats {
  const round = (value: number | undefined) => (value === undefined ? null : Math.round(value));
  return {
    count: durationsMs.length,
    medianMs: round(median(durationsMs)),
    p90Ms: round(quantile(durationsMs, 0.9)),
    minMs: round(durationsMs.length === 0 ? undefined : Math.min(...durationsMs)),
    maxMs: round(durationsMs.length === 0 ? undefined : Math.max(...durationsMs)),
  };
}
