import type { CheckState, ReviewState } from "../../domain/review/review-state.js";
import type { ReviewAssessment, ReviewStage } from "../../domain/review/verdict.js";
import type { LoopStateView } from "./read-loop-state.js";
import type { TaskView } from "../peek.js";

export interface ClaimView {
  issue: number;
  title: string | null;
  url: string | null;
  /** The agent label on the issue, when there is one. */
  agent: string | null;
  assignees: string[];
  /** A claim ref exists on GitHub. */
  locked: boolean;
  /** The visible marks (an agent label) are on the issue. */
  marked: boolean;
  /** Who holds the lock, from its lease; null without a lock or when its commit is not a lease. */
  holder: HolderView | null;
  /** Seconds since the lease's last heartbeat. */
  leaseAgeSeconds: number | null;
  /** The heartbeat is older than `[autonomous] lease_minutes`: the holder is presumed gone. */
  stale: boolean;
  /**
   * A rework claim: the lock of an issue whose pull request is in review (the loop's rework
   * round, `pop --rework`), which carries no agent label.
   */
  rework: boolean;
}

export interface HolderView {
  agent: string;
  login: string;
  host: string;
  runId: string;
  epoch: number;
}

/**
 * Where a pull request in review stands: the loop's own assessment (`ReviewStage`), or handed to
 * people (`route:human-only`), or `unreadable` when GitHub refused a read (the blockers say why).
 */
export type ReviewViewStage = ReviewStage | "handed-to-people" | "unreadable";

/** An agent's pull request in `route:review`, as the loop would assess it: its stage, in words and figures. */
export interface ReviewView extends Pick<
  ReviewAssessment,
  "approvals" | "requiredApprovals" | "pendingChecks" | "awaitingApprovalChecks" | "blockers" | "changesRequestedBy"
> {
  number: number;
  title: string;
  url: string;
  branch: string;
  draft: boolean;
  /** The latest verdict per reviewer, summed up. */
  review: ReviewState;
  /** Every check and status on the head, summed up. */
  checks: CheckState;
  /** The agent whose branch it is, and the issue it closes (both from the branch name). */
  agent: string;
  issue: number;
  baseBranch: string;
  stage: ReviewViewStage;
  /** One line per reason for rework (empty unless the stage is a rework stage or rework-limit). */
  reasons: string[];
  /** Rework rounds done, from the local store (0 without one). */
  reworkRounds: number;
  maxReworkRounds: number;
  /** The round the loop here has under way, if any. */
  reworkInProgress: number | null;
}

export interface Problem {
  kind:
    | "label-conflict"
    | "lock-without-marks"
    | "marks-without-lock"
    | "claim-on-closed-issue"
    | "unreadable-lease"
    | "stale-claim"
    | "holder-mismatch"
    | "ci-awaiting-approval"
    | "review-unreadable"
    /** The trust gate refused a queued issue (design §5): the loop here will not work it unattended. */
    | "untrusted-issue";
  /** The issue, or the pull request for problems of a pull request in review. */
  issue: number;
  message: string;
  /** What to do about it, where that is not obvious. */
  hint?: string;
}

export interface AgentView {
  id: string;
  /** `reworking`: it holds the claim of one of its pull requests in review (a rework round). */
  state: "idle" | "working" | "reworking" | "waiting-for-review";
  issue: { number: number; title: string; url: string } | null;
  /** The checked-out branch, when it is one of this agent's. */
  branch: string | null;
  commitsAhead: number | null;
  /** The pull request being reworked (state `reworking`). */
  pr?: number | null;
}

export interface StatusReport {
  repository: { fullName: string; url: string; defaultBranch: string; baseBranch: string };
  user: string;
  rateLimit: { limit: number; remaining: number; resetAt: string };
  agent: AgentView;
  claims: ClaimView[];
  queue: {
    total: number | null;
    byPriority: Record<string, number | null>;
    next: TaskView[];
    /** Queued issues that wait for their dependencies (design §2), among those read. */
    waiting: Array<{ number: number; title: string; waitsFor: string }>;
  };
  reviews: ReviewView[];
  /** The autonomous loop, if one ran in this checkout (from the local store). */
  autonomous: LoopStateView | null;
  problems: Problem[];
}
