import type { ReworkReason } from "../../domain/review/verdict.js";
import type { LoopContext, Work } from "../work-context.js";
import { recordedInDetail } from "../work-context.js";

/** What a rework round was started for, as checkpointed when it was claimed (start-rework.ts). */
export interface ReworkPlan {
  round: number;
  reasons: ReworkReason[];
  /** Who asked for changes on the head this round starts from: their review is re-requested. */
  changesRequestedBy: string[];
  /** The pull request's head on GitHub when the round started. */
  remoteHead: string;
  pullUrl: string;
}

/** The plan of a rework work item (first checkpoint), with what `prepare` learnt folded in. */
export function reworkPlanOf(ctx: LoopContext, work: Work): ReworkPlan {
  const plan = recordedInDetail(ctx, work, "rework") as ReworkPlan | undefined;
  if (!plan) throw new Error(`work item ${work.item.id} is a rework without a recorded plan`);
  const conflictFiles = recordedInDetail(ctx, work, "conflictFiles") as string[] | undefined;
  if (!conflictFiles) return plan;
  const reasons = plan.reasons.map((reason) =>
    reason.kind === "conflict" ? { ...reason, files: conflictFiles } : reason,
  );
  return { ...plan, reasons };
}

/** Whether the round needs the agent: anything but a base update git could do on its own. */
export function needsAgent(reasons: readonly ReworkReason[]): boolean {
  return reasons.some(
    (reason) =>
      reason.kind === "ci-failed" ||
      reason.kind === "changes-requested" ||
      (reason.kind === "conflict" && reason.files.length > 0),
  );
}
