import type { ClearedCounts, LocalScope } from "../../core/reset/clear-local.js";
import type { Output } from "../output.js";
import { plural } from "./report-format.js";

/** "2 runs, 3 work items and 14 checkpoints" / "5 recovery events". */
export function describeCleared(counts: ClearedCounts): string {
  if ("recoveries" in counts) return plural(counts.recoveries, "recovery event");
  return `${plural(counts.runs, "run")}, ${plural(counts.workItems, "work item")} and ${plural(counts.checkpoints, "checkpoint")}`;
}

export function renderLocalReset(scope: LocalScope, counts: ClearedCounts, out: Output, dryRun: boolean): void {
  const { color } = out;
  const what = scope === "state" ? "the local autonomous state" : "the local recovery history";
  if (dryRun) {
    out.line(`${color.yellow("[dry-run]")} would delete ${describeCleared(counts)} from ${what}`);
    out.line(color.dim("   Nothing was deleted."));
    return;
  }
  out.line(`🧹 Deleted ${describeCleared(counts)} from ${what}`);
  out.info(
    color.dim("   Nothing on GitHub was touched: claims, labels and branches stay (plain `reset` releases claims)."),
  );
}
