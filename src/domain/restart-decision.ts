/**
 * What a restarted loop does with the work item it finds unfinished (design §5 "Crash and
 * restart"): resume it from its checkpoint, resync (give it up: the world moved on), or start
 * fresh (nothing worth resuming). Pure: the facts are gathered by the caller, from GitHub and git.
 */

export type StepState =
  "reconcile" | "claim" | "prepare" | "run-agent" | "check-evidence" | "verify" | "deliver" | "land";

export interface RestartFacts {
  /** The issue as GitHub has it now; undefined when it no longer exists. */
  issue: { state: "open" | "closed"; labels: string[] } | undefined;
  /** Whose lease the claim ref holds. */
  claim: { holder: "us" } | { holder: "other"; agent: string } | { holder: "none" };
  /** An open PR for the branch. */
  pullOpen: boolean;
  /** The local branch's HEAD, when the branch exists. */
  localHead: string | undefined;
  /** Whether the recorded HEAD is contained in the local branch (undefined: nothing to compare). */
  recordedHeadKept: boolean | undefined;
}

export type RestartDecision =
  | { action: "resume"; at: StepState; reason: string }
  /** `drift`: the change a person made that ended our work, handled as that critical drift. */
  | {
      action: "resync";
      reason: string;
      releaseClaim: boolean;
      drift?: "issue-closed" | "issue-deleted" | "claim-taken-over" | "claim-lost";
    }
  | { action: "start-fresh"; reason: string; releaseClaim: boolean };

export function decideRestart(
  item: { state: StepState; issueNumber: number; headSha?: string; kind?: "deliver" | "rework" | "land" },
  facts: RestartFacts,
  agentId: string,
): RestartDecision {
  const n = `#${item.issueNumber}`;
  const ours = facts.claim.holder === "us";
  if (item.state === "reconcile")
    return { action: "start-fresh", reason: "stopped before anything was claimed", releaseClaim: false };
  // Merging is safe to repeat: GitHub merges at the assessed head once, and a merged pull request only needs its clean-up.
  if (item.kind === "land") return { action: "resume", at: "land", reason: "landing is finished where it stopped" };
  if (item.state === "claim" && item.kind === "rework") {
    if (ours && facts.pullOpen)
      return { action: "resume", at: "prepare", reason: `the claim on ${n} for rework completed` };
    return { action: "start-fresh", reason: `the claim on ${n} for rework never completed`, releaseClaim: ours };
  }
  if (item.kind === "rework" && !facts.pullOpen) {
    return { action: "resync", reason: `the pull request for ${n} is no longer open`, releaseClaim: ours };
  }
  if (item.state === "claim") {
    if (ours && facts.issue?.state === "open" && facts.issue.labels.includes(agentId)) {
      return { action: "resume", at: "prepare", reason: `the claim on ${n} completed before the stop` };
    }
    return { action: "start-fresh", reason: `the claim on ${n} never completed`, releaseClaim: ours };
  }
  if (!facts.issue)
    return { action: "resync", reason: `${n} no longer exists`, releaseClaim: ours, drift: "issue-deleted" };
  if (facts.issue.state === "closed")
    return { action: "resync", reason: `${n} was closed`, releaseClaim: ours, drift: "issue-closed" };
  // An open PR means delivery got that far: finishing it is always allowed (as for bottle).
  if (item.state === "deliver" && facts.pullOpen)
    return { action: "resume", at: "deliver", reason: "the pull request is open; finishing the delivery" };
  if (facts.claim.holder === "other")
    return {
      action: "resync",
      reason: `${n} is now claimed by ${facts.claim.agent}`,
      releaseClaim: false,
      drift: "claim-taken-over",
    };
  if (!ours)
    return { action: "resync", reason: `the claim on ${n} was released`, releaseClaim: false, drift: "claim-lost" };
  // A label a person took off is a moderate drift: the resumed step's drift check puts it back.
  if (facts.localHead === undefined && item.state !== "prepare") {
    return {
      action: "resume",
      at: "prepare",
      reason:
        "the local branch is missing; it is recreated (from the pushed branch if there is one) and the agent runs again",
    };
  }
  if (facts.recordedHeadKept === false) {
    return {
      action: "resync",
      reason: `the branch was rewritten: the recorded HEAD ${item.headSha?.slice(0, 7) ?? ""} is no longer on it`,
      releaseClaim: true,
    };
  }
  return {
    action: "resume",
    at: item.state,
    reason: `${n} is still open and ours, and the branch is at the recorded HEAD or ahead`,
  };
}
