import { describe, expect, it } from "vitest";
import { fullGarbageCollector } from "../../../src/process/collect-garbage.js";

describe("fullGarbageCollector", () => {
  it("gives a collector on Node that really frees unreachable memory", () => {
    const collect = fullGarbageCollector();
    expect(collect).toBeTypeOf("function");
    let garbage: number[][] | undefined = Array.from({ length: 200 }, () => Array.from({ length: 5_000 }, (_, i) => i));
    const withGarbage = process.memoryUsage().heapUsed;
    garbage = undefined;
    collect?.();
    expect(garbage).toBeUndefined();
    expect(process.memoryUsage().heapUsed).toBeLessThan(withGarbage);
  });
});
