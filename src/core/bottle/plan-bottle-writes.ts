import { claimRefName } from "../../domain/claim-ref-name.js";
import { LABEL } from "../../domain/labels.js";
import type { PlannedWrite } from "../planned-write.js";
import type { BottlePlan } from "./plan-bottle.js";

export interface BottleWriteSettings {
  agentId: string;
  verify: string[] | undefined;
  noVerify: boolean;
  draft: boolean;
  returnToBase: boolean;
}

/** The writes bottle would make, in order, for `--dry-run`. */
export function planBottleWrites(plan: BottlePlan, settings: BottleWriteSettings): PlannedWrite[] {
  const writes: PlannedWrite[] = [];
  if (!plan.existingPull && !settings.noVerify && settings.verify)
    writes.push({ system: "local", action: "run", command: settings.verify, purpose: "verify" });
  writes.push(
    ...deliveryWrites({
      issue: plan.issue,
      branch: plan.branch,
      baseBranch: plan.baseBranch,
      agentId: settings.agentId,
      draft: settings.draft,
      commits: plan.commits.length,
      existingPull: plan.existingPull,
      claimHeld: plan.claimHeld,
    }),
  );
  if (plan.checkedOut && settings.returnToBase)
    writes.push({ system: "git", action: "checkout", branch: plan.baseBranch });
  return writes;
}

export interface Delivery {
  issue: { number: number; title: string; labels: string[] };
  branch: string;
  baseBranch: string;
  agentId: string;
  draft: boolean;
  /** Commits to push; null when not known yet. */
  commits: number | null;
  existingPull?: { number: number; labels: string[] };
  claimHeld: boolean;
}

/** Delivering a branch (bottle, and the loop's deliver step): push, the PR, the labels, the lock. */
export function deliveryWrites(delivery: Delivery): PlannedWrite[] {
  const { issue, existingPull } = delivery;
  const writes: PlannedWrite[] = [
    { system: "git", action: "push", remote: "origin", branch: delivery.branch, commits: delivery.commits },
    existingPull
      ? { system: "github", action: "reuse-pull-request", number: existingPull.number }
      : {
          system: "github",
          action: "open-pull-request",
          title: issue.title,
          head: delivery.branch,
          base: delivery.baseBranch,
          draft: delivery.draft,
          closes: issue.number,
        },
    {
      system: "github",
      action: "set-labels",
      issue: issue.number,
      add: [LABEL.review],
      remove: issue.labels.includes(LABEL.ready) ? [delivery.agentId, LABEL.ready] : [delivery.agentId],
    },
  ];
  if (!existingPull?.labels.includes(LABEL.review))
    writes.push({
      system: "github",
      action: "label-pull-request",
      number: existingPull?.number ?? null,
      add: [LABEL.review],
    });
  if (delivery.claimHeld)
    writes.push({ system: "github", action: "delete-ref", ref: claimRefName(issue.number), issue: issue.number });
  return writes;
}
