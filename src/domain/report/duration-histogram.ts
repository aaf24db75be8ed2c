/**
 * The cycle-time distribution's bins. Fixed edges on a rough log scale, from seconds (a scripted
 * demo) to days (a pull request waiting over a weekend), so reports compare from night to night.
 */

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const HISTOGRAM_EDGES_MS: readonly number[] = [
  10 * SECOND,
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  HOUR,
  4 * HOUR,
  12 * HOUR,
  DAY,
  3 * DAY,
];

export interface HistogramBin {
  /** Inclusive. */
  fromMs: number;
  /** Exclusive; null for the last, open bin. */
  toMs: number | null;
  label: string;
  count: number;
}

/** Count durations into the fixed bins; every bin is present, empty ones included. */
export function durationHistogram(durationsMs: readonly number[]): HistogramBin[] {
  const bins: HistogramBin[] = [];
  let from = 0;
  for (const edge of [...HISTOGRAM_EDGES_MS, null]) {
    const label =
      edge === null
        ? `≥ ${shortDuration(from)}`
        : from === 0
          ? `< ${shortDuration(edge)}`
          : `${shortDuration(from)}–${shortDuration(edge)}`;
    const count = durationsMs.filter((ms) => ms >= from && (edge === null || ms < edge)).length;
    bins.push({ fromMs: from, toMs: edge, label, count });
    if (edge !== null) from = edge;
  }
  return bins;
}

/** `10s`, `5m`, `4h`, `3d`: the edges are whole units. */
export function shortDuration(ms: number): string {
  if (ms >= DAY && ms % DAY === 0) return `${ms / DAY}d`;
  if (ms >= HOUR && ms % HOUR === 0) return `${ms / HOUR}h`;
  if (ms >= MINUTE && ms % MINUTE === 0) return `${ms / MINUTE}m`;
  return `${Math.round(ms / SECOND)}s`;
}
