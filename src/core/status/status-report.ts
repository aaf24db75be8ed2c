import type { LoopStateView } from "./read-loop-state.js";
import type { CheckState, ReviewState } from "../ports.js";
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
}

export interface HolderView {
  agent: string;
  login: string;
  host: string;
  runId: string;
  epoch: number;
}

export interface ReviewView {
  number: number;
  title: string;
  url: string;
  branch: string;
  draft: boolean;
  review: ReviewState;
  checks: CheckState;
}

export interface Problem {
  kind:
    | "label-conflict"
    | "lock-without-marks"
    | "marks-without-lock"
    | "claim-on-closed-issue"
    | "unreadable-lease"
    | "stale-claim"
    | "holder-mismatch";
  issue: number;
  message: string;
}

export interface AgentView {
  id: string;
  state: "idle" | "working" | "waiting-for-review";
  issue: { number: number; title: string; url: string } | null;
  /** The checked-out branch, when it is one of this agent's. */
  branch: string | null;
  commitsAhead: number | null;
}

export interface StatusReport {
  repository: { fullName: string; url: string; defaultBranch: string; baseBranch: string };
  user: string;
  rateLimit: { limit: number; remaining: number; resetAt: string };
  agent: AgentView;
  claims: ClaimView[];
  queue: { total: number | null; byPriority: Record<string, number | null>; next: TaskView[] };
  reviews: ReviewView[];
  /** The autonomous loop, if one ran in this checkout (from the local store). */
  autonomous: LoopStateView | null;
  problems: Problem[];
}
