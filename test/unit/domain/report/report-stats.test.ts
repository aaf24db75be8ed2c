import { describe, expect, it } from "vitest";
import {
  durationHistogram,
  HISTOGRAM_EDGES_MS,
  shortDuration,
} from "../../../../src/domain/report/duration-histogram.js";
import { durationStats, median, quantile } from "../../../../src/domain/report/quantiles.js";
import { bucketStarts, bucketUnitFor, countIntoBuckets } from "../../../../src/domain/report/time-buckets.js";

describe("median and p90", () => {
  it("interpolate between the nearest ranks", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
    expect(quantile([5], 0.9)).toBe(5);
    expect(quantile([], 0.5)).toBeUndefined();
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });

  it("sum up durations in whole milliseconds, nulls for none", () => {
    expect(durationStats([1000, 3000, 2000, 10_000])).toEqual({
      count: 4,
      medianMs: 2500,
      p90Ms: 7900,
      minMs: 1000,
      maxMs: 10_000,
    });
    expect(durationStats([])).toEqual({ count: 0, medianMs: null, p90Ms: null, minMs: null, maxMs: null });
  });
});

describe("time buckets", () => {
  it("ten minutes up to three hours, hours up to two days, days beyond", () => {
    expect(bucketUnitFor(3 * 3_600_000)).toBe("10min");
    expect(bucketUnitFor(12 * 3_600_000)).toBe("hour");
    expect(bucketUnitFor(48 * 3_600_000)).toBe("hour");
    expect(bucketUnitFor(7 * 86_400_000)).toBe("day");
  });

  it("start on UTC boundaries and cover the whole window", () => {
    const starts = bucketStarts(new Date("2024-05-01T22:30:00Z"), new Date("2024-05-02T01:10:00Z"), "hour");
    expect(starts.map((start) => start.toISOString())).toEqual([
      "2024-05-01T22:00:00.000Z",
      "2024-05-01T23:00:00.000Z",
      "2024-05-02T00:00:00.000Z",
      "2024-05-02T01:00:00.000Z",
    ]);
    expect(bucketStarts(new Date("2024-05-01T12:00:00Z"), new Date("2024-05-08T12:00:00Z"), "day")).toHaveLength(8);
  });

  it("count events of each kind into their bucket, zeros included, events outside left out", () => {
    const starts = bucketStarts(new Date("2024-05-01T22:00:00Z"), new Date("2024-05-01T23:59:00Z"), "hour");
    const at = (iso: string) => new Date(iso);
    const buckets = countIntoBuckets(
      [
        { at: at("2024-05-01T22:10:00Z"), kind: "delivered" as const },
        { at: at("2024-05-01T22:59:59Z"), kind: "delivered" as const },
        { at: at("2024-05-01T23:00:00Z"), kind: "failed" as const },
        { at: at("2024-05-01T21:59:59Z"), kind: "failed" as const },
        { at: at("2024-05-02T00:00:00Z"), kind: "delivered" as const },
      ],
      starts,
      "hour",
      ["delivered", "failed"],
    );
    expect(buckets.map((bucket) => bucket.counts)).toEqual([
      { delivered: 2, failed: 0 },
      { delivered: 0, failed: 1 },
    ]);
  });
});

describe("the cycle-time histogram", () => {
  it("has every bin, from seconds to days, each duration in exactly one", () => {
    const bins = durationHistogram([0, 9_999, 10_000, 59_000, 3_600_000, 5 * 86_400_000]);
    expect(bins).toHaveLength(HISTOGRAM_EDGES_MS.length + 1);
    expect(bins.map((bin) => bin.label)).toEqual([
      "< 10s",
      "10s–1m",
      "1m–5m",
      "5m–15m",
      "15m–1h",
      "1h–4h",
      "4h–12h",
      "12h–1d",
      "1d–3d",
      "≥ 3d",
    ]);
    expect(bins.map((bin) => bin.count)).toEqual([2, 2, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(bins.at(-1)?.toMs).toBeNull();
  });

  it("names durations in whole units", () => {
    expect([10_000, 60_000, 14_400_000, 259_200_000].map(shortDuration)).toEqual(["10s", "1m", "4h", "3d"]);
  });
});
