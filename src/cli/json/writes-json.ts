import type { PlannedWrite } from "../../core/planned-write.js";
import { describeWrite } from "../render/render-writes.js";

/** A planned write in `--json`: its fields, and the words `--dry-run` prints for it. */
export type PlannedWriteJson = PlannedWrite & { description: string };

export function writesJson(writes: readonly PlannedWrite[]): PlannedWriteJson[] {
  return writes.map((write) => ({ ...write, description: describeWrite(write) }));
}
