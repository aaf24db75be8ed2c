import type { PlannedWrite } from "../planned-write.js";
import type { InitPlan } from "./plan-init.js";

/** The writes init would make, in the order it makes them: labels first, then files. */
export function planInitWrites(plan: InitPlan): PlannedWrite[] {
  const writes: PlannedWrite[] = [];
  for (const change of plan.labels) {
    if (change.status === "created")
      writes.push({ system: "github", action: "create-label", name: change.label.name, color: change.label.color });
    if (change.status === "updated") {
      writes.push({
        system: "github",
        action: "update-label",
        currentName: change.currentName ?? change.label.name,
        name: change.label.name,
        changes: change.differences,
      });
    }
  }
  for (const file of plan.files) {
    if (file.status === "created")
      writes.push({ system: "local", action: "write-file", path: file.path, change: "create" });
    if (file.status === "updated")
      writes.push({ system: "local", action: "write-file", path: file.path, change: "update" });
  }
  return writes;
}
