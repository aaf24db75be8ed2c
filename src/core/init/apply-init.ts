import path from "node:path";
import type { Files, IssueTracker } from "../ports.js";
import type { InitPlan } from "./plan-init.js";

export interface InitResult {
  repository: string;
  user: string;
  dryRun: boolean;
  labels: Array<{ name: string; color: string; status: "created" | "updated" | "unchanged"; differences: string[] }>;
  files: Array<{ path: string; status: "created" | "updated" | "unchanged" | "kept"; reason?: string }>;
}

export interface ApplyInitOptions {
  tracker: IssueTracker;
  files: Files;
  root: string;
  dryRun: boolean;
}

/** Make the plan's writes (none on a dry run), labels first so a failure leaves no config behind. */
export async function applyInit(plan: InitPlan, options: ApplyInitOptions): Promise<InitResult> {
  if (!options.dryRun) {
    for (const change of plan.labels) {
      if (change.status === "created") await options.tracker.createLabel(change.label);
      if (change.status === "updated")
        await options.tracker.updateLabel(change.currentName ?? change.label.name, change.label);
    }
    for (const file of plan.files) {
      if (file.status === "created" || file.status === "updated") {
        await options.files.write(path.join(options.root, file.path), file.content);
      }
    }
  }
  return {
    repository: plan.repository.fullName,
    user: plan.user,
    dryRun: options.dryRun,
    labels: plan.labels.map((change) => ({
      name: change.label.name,
      color: change.label.color,
      status: change.status,
      differences: change.differences,
    })),
    files: plan.files.map((file) => ({
      path: file.path,
      status: file.status,
      ...(file.reason ? { reason: file.reason } : {}),
    })),
  };
}
