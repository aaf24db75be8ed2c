import { claimRefName } from "../../domain/claim-ref-name.js";
import type { PlannedWrite } from "../planned-write.js";
import type { ReworkDeliveryPlan } from "./plan-rework-delivery.js";

/** The writes `bottle` would make to deliver a rework round, in order, for `--dry-run`. */
export function planReworkDeliveryWrites(
  plan: ReworkDeliveryPlan,
  settings: { verify: string[] | undefined; noVerify: boolean; returnToBase: boolean },
): PlannedWrite[] {
  const writes: PlannedWrite[] = [];
  if (plan.kind === "rework") {
    if (!settings.noVerify && settings.verify)
      writes.push({ system: "local", action: "run", command: settings.verify, purpose: "verify" });
    writes.push(
      { system: "git", action: "push", remote: "origin", branch: plan.branch, commits: plan.commits.length },
      { system: "github", action: "create-comment", number: plan.pull.number, purpose: "rework-summary" },
    );
    if (plan.changesRequestedBy.length > 0)
      writes.push({
        system: "github",
        action: "request-reviewers",
        number: plan.pull.number,
        reviewers: plan.changesRequestedBy,
      });
  }
  if (plan.claimHeld)
    writes.push({ system: "github", action: "delete-ref", ref: claimRefName(plan.issue), issue: plan.issue });
  if (plan.checkedOut && settings.returnToBase)
    writes.push({ system: "git", action: "checkout", branch: plan.baseBranch });
  return writes;
}
