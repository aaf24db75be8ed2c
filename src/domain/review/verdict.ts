import type { ConversationCommentFact, ReviewCommentFact } from "./facts.js";

/**
 * Where one of our pull requests stands in review (design §11), as `status` shows it and the
 * loop acts on it. Stages that need the agent carry their reasons.
 */
export type ReviewStage =
  /** Checks still queued or running on the head: waited for, never reworked meanwhile. */
  | "waiting-for-ci"
  /** A check waits for a person's approval to run (workflows from bots often do): a problem to report, not a failure. */
  | "waiting-for-approval-to-run"
  | "ci-failed"
  | "changes-requested"
  | "conflict"
  /** The base moved and protection wants the branch up to date (no conflict: no agent needed). */
  | "behind-base"
  /** Reasons for rework, but `max_rework_rounds` is spent: a person takes over. */
  | "rework-limit"
  /** Green, nothing asked, not yet approved on the current head. */
  | "waiting-for-review"
  /** Approved on the current head, but landing is not allowed (no auto_merge, no route:ready_to_merge). */
  | "approved"
  | "ready-to-land";

/** A failing check, with what the agent needs to fix it. */
export interface FailingCheck {
  name: string;
  /** The check's conclusion or the status state: failure, timed_out, cancelled, error, … */
  conclusion: string;
  /** The tail of its output: the Actions job log where it could be read, else the check's own text/summary. */
  output: string;
  /** Where `output` came from, or why the log could not be read (said to the agent). */
  source: "job-log" | "check-output" | "status-description";
  note?: string;
  url: string;
}

export type ReworkReason =
  | { kind: "ci-failed"; checks: FailingCheck[] }
  | {
      kind: "changes-requested";
      /** Reviews in CHANGES_REQUESTED on the current head: who, and what they wrote. */
      reviews: Array<{ author: string; body: string }>;
      /** Line comments by people with write access since the last push. */
      lineComments: ReviewCommentFact[];
      /** Conversation comments by people with write access since the last push. */
      conversation: ConversationCommentFact[];
    }
  /** `files` is filled in once git tried and could not resolve it on its own. */
  | { kind: "conflict"; baseBranch: string; files: string[] }
  | { kind: "behind-base"; baseBranch: string };

export interface ReviewAssessment {
  stage: ReviewStage;
  /** Empty unless the stage calls for rework. */
  reasons: ReworkReason[];
  /** People with write access who approved the current head. */
  approvals: string[];
  requiredApprovals: number;
  /** Check names queued or running on the head (for `status`); failing ones are in `reasons`. */
  pendingChecks: string[];
  awaitingApprovalChecks: string[];
  /** Why the pull request may not land yet (empty when ready-to-land). */
  blockers: string[];
  /** Who asked for changes on the current head (their review is re-requested after rework). */
  changesRequestedBy: string[];
}

/** The stages the agent reworks (the loop's rework rounds, `pop --rework`). */
export const REWORK_STAGES = ["ci-failed", "changes-requested", "conflict", "behind-base"] as const;

export function isReworkStage(stage: ReviewStage): stage is (typeof REWORK_STAGES)[number] {
  return (REWORK_STAGES as readonly ReviewStage[]).includes(stage);
}
