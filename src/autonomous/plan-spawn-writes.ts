import { deliveryWrites } from "../core/bottle/plan-bottle-writes.js";
import type { PlannedWrite } from "../core/planned-write.js";
import { claimWrites } from "../core/pop/plan-pop-writes.js";
import { branchFor, worktreePathFor } from "../domain/branch-name.js";
import { claimedMarks } from "../domain/claim-marks.js";
import type { Issue } from "../domain/issue.js";
import type { StepState } from "../domain/restart-decision.js";
import type { LoopSettings } from "./loop-types.js";

/** The steps that write, in the order the loop takes them. */
const STEPS: readonly StepState[] = ["claim", "prepare", "run-agent", "check-evidence", "verify", "deliver"];

export interface SpawnWork {
  issue: Issue;
  /** Where the loop starts: `claim` for an issue from the queue, the checkpoint's step on a resume. */
  from: StepState;
  /** The branch recorded for a resumed issue; a fresh claim's is named after the issue. */
  branch?: string;
  /** The authenticated user (who a fresh claim assigns). */
  login: string;
  baseBranch: string;
}

/**
 * The writes the loop would make for one issue, from `work.from` on: the claim (pop's), the
 * worktree, the agent, the verify command, the delivery (bottle's). Commits are not known
 * before the agent has run, and the loop never returns to the base branch (it works in worktrees).
 */
export function planSpawnWrites(
  work: SpawnWork,
  settings: Pick<LoopSettings, "agentId" | "root" | "agentCommand" | "verify" | "draft">,
): PlannedWrite[] {
  const from = Math.max(0, STEPS.indexOf(work.from));
  const reaches = (step: StepState) => from <= STEPS.indexOf(step);
  const { issue } = work;
  const branch = work.branch ?? branchFor(settings.agentId, issue);
  const writes: PlannedWrite[] = [];
  if (reaches("claim"))
    writes.push(...claimWrites(issue, { agentId: settings.agentId, login: work.login, candidates: 1 }));
  if (reaches("prepare")) {
    writes.push(
      { system: "git", action: "fetch", remote: "origin", branch: work.baseBranch },
      {
        system: "git",
        action: "add-worktree",
        path: worktreePathFor(settings.root, issue),
        branch,
        startPoint: `origin/${work.baseBranch}`,
      },
    );
  }
  if (reaches("run-agent"))
    writes.push({ system: "local", action: "run", command: settings.agentCommand, purpose: "agent" });
  if (reaches("verify") && settings.verify)
    writes.push({ system: "local", action: "run", command: settings.verify, purpose: "verify" });
  // A fresh claim takes route:ready off, so delivery finds the labels the claim left.
  const claimed = reaches("claim")
    ? { ...issue, labels: claimedMarks(issue, settings.agentId, work.login).labels }
    : issue;
  writes.push(
    ...deliveryWrites({
      issue: claimed,
      branch,
      baseBranch: work.baseBranch,
      agentId: settings.agentId,
      draft: settings.draft,
      commits: null,
      claimHeld: true,
    }),
  );
  return writes;
}
