import type { FaultSpec } from "./types.js";

interface ActiveFault {
  spec: FaultSpec;
  matched: number;
}

/** A string matches the whole path; a RegExp is tested (its lastIndex reset, in case of a /g flag). */
export function pathMatches(pattern: string | RegExp | undefined, path: string): boolean {
  if (pattern === undefined) return true;
  if (typeof pattern === "string") return pattern === path;
  pattern.lastIndex = 0;
  return pattern.test(path);
}

function matches(spec: FaultSpec, method: string, path: string): boolean {
  if (spec.method !== undefined && spec.method.toUpperCase() !== method) return false;
  return pathMatches(spec.path, path);
}

/** Faults in injection order, each counting the requests it matched to honour `skip` and `times`. */
export class FaultInjector {
  private faults: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    this.faults.push({ spec, matched: 0 });
  }

  clear(): void {
    this.faults = [];
  }

  /**
   * The faults this request triggers: any number of latencies, then at most one terminal fault.
   * A terminal fault hides the request from faults injected after it.
   */
  trigger(method: string, path: string): FaultSpec[] {
    const fired: FaultSpec[] = [];
    for (const fault of this.faults) {
      if (!matches(fault.spec, method, path)) continue;
      fault.matched += 1;
      const skip = fault.spec.skip ?? 0;
      const times = fault.spec.times ?? 1;
      if (fault.matched <= skip || fault.matched > skip + times) continue;
      fired.push(fault.spec);
      if (fault.spec.kind !== "latency") break;
    }
    this.faults = this.faults.filter((f) => f.matched < (f.spec.skip ?? 0) + (f.spec.times ?? 1));
    return fired;
  }
}
