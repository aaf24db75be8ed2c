import v8 from "node:v8";
import vm from "node:vm";

/**
 * A full garbage collection, for a process that runs for hours with quiet moments (the loop,
 * between issues). Without it V8 keeps growing the memory it reserves until its first full
 * collection, many issues in, so the loop's footprint climbs for its first hour; collecting at
 * each issue boundary keeps it flat. Undefined where the runtime does not allow it.
 */
export function fullGarbageCollector(): (() => void) | undefined {
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc: unknown = vm.runInNewContext("gc");
    return typeof gc === "function" ? () => (gc as () => void)() : undefined;
  } catch {
    return undefined;
  }
}
