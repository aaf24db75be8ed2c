import type { AuditContext } from "../core/audit.js";
import type { CommandRunner, Files, GitWorkspace, IssueTracker } from "../core/ports.js";
import type { MergeMethod, ReviewTracker } from "../core/review-ports.js";
import type { DeliveryReport, Notifier } from "../core/notify-port.js";
import type { Store, WorkItemState, WorkKind } from "../core/store-port.js";
import type { DriftKind, DriftSeverity } from "../domain/drift.js";
import type { RunSummary } from "../domain/notification.js";
import type { PullRequestRef } from "../domain/pull-request-ref.js";
import type { AgentRunRequest, AgentRunResult } from "./agent/run-agent.js";

/**
 * Everything the autonomous loop works with, passed in by the composition root so tests can
 * hand in their own clock, agent runner or store. Nothing in src/autonomous builds adapters.
 */
export interface LoopDeps {
  tracker: IssueTracker;
  /** Our pull requests in review: checks, reviews, comments, merging (design §11). */
  review: ReviewTracker;
  /** The user's checkout: only fetched from and used to add worktrees, never switched. */
  git: GitWorkspace;
  /** A workspace for an issue's worktree. */
  openWorkspace(dir: string): GitWorkspace;
  store: Store;
  /** Runs the verify command. */
  runner: CommandRunner;
  runAgent(request: AgentRunRequest): Promise<AgentRunResult>;
  /** Stop a process group left by a killed loop; resolves once it is gone. */
  stopProcessGroup(pgid: number): Promise<boolean>;
  isProcessGroupAlive(pgid: number): boolean;
  files: Files;
  /** Where the loop says which run and work item the GitHub and git writes that follow are for. */
  audit: AuditContext;
  now(): Date;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  emit(event: LoopEvent): void;
  /** `[notify] webhook_url`: escalations, budget stops, quota pauses and the run's end (design §5). */
  notifier: Notifier;
  /** What a finished run did, for its `run-finished` notification. */
  summarizeRun(run: LoopSummary): Promise<RunSummary>;
}

export interface LoopBudget {
  /** Handle one issue, then exit (empty queue: exit 6, like pop). */
  once: boolean;
  /** Exit 0 when the queue is (or becomes) empty, instead of polling. */
  untilEmpty: boolean;
  maxIssues: number | undefined;
  maxHours: number;
}

export interface LoopSettings {
  agentId: string;
  host: string;
  pid: number;
  /** owner/name */
  repository: string;
  /** Configured base branch; undefined means the repository's default branch. */
  baseBranch: string | undefined;
  /** The repository's top level. */
  root: string;
  /** `<root>/.my-little-soda` */
  stateDir: string;
  agentCommand: string[];
  /** The agent's base environment (the GitHub token already taken out). */
  agentEnv: NodeJS.ProcessEnv;
  agentTimeoutMs: number;
  idleTimeoutMs: number;
  killGraceMs: number;
  /** How often, while an agent runs, the claim lease and the loop lock are renewed. */
  heartbeatMs: number;
  /** `[autonomous] lease_minutes`: our leases' lifetime, and others' when theirs does not say. */
  leaseMinutes: number;
  /** `[autonomous] take_over_stale`: take other agents' expired claims over before new work. */
  takeOverStale: boolean;
  maxAttemptsPerIssue: number;
  /** `[autonomous] max_cost_usd_per_issue` / `_per_run`: reported agent cost limits; undefined for none. */
  maxCostUsdPerIssue: number | undefined;
  maxCostUsdPerRun: number | undefined;
  /** How often drift is checked while an agent runs. */
  driftIntervalMs: number;
  /** Commits the base may gain before the branch is rebased onto it (a moderate drift). */
  maxCommitsBehindBase: number;
  /** The trust gate (design §5): work only issues queued, and not edited since, by trusted people. */
  trust: { enabled: boolean; trustedUsers: readonly string[] };
  /** Quota (design §5): what a plan-limit message looks like, how long to pause without a reset time, the shared pause's key. */
  quota: { patterns: readonly string[]; backoffMs: number; key: string };
  verify: string[] | undefined;
  draft: boolean;
  pollIntervalMs: number;
  /** First wait after GitHub or the network failed; doubles (with jitter) on each further failure. */
  retryBaseMs: number;
  /** How long one step may keep waiting for GitHub or the network before the loop gives up (exit 4). */
  retryBudgetMs: number;
  budget: LoopBudget;
  review: ReviewSettings;
  /** How long the end of a run waits for notifications still being delivered (`[notify]`). */
  notifyWaitMs: number;
  /** Secrets to keep out of comments (the token). */
  secrets: string[];
}

/** The review phase's settings (`[review]`). */
export interface ReviewSettings {
  /** Follow our pull requests in route:review at all. */
  enabled: boolean;
  autoMerge: boolean;
  /** undefined: the repository's allowed method. */
  mergeMethod: MergeMethod | undefined;
  maxReworkRounds: number;
  order: "rework-first" | "issues-first";
  updateStrategy: "rebase" | "merge";
  /** Approvals needed when the base branch's protection cannot be read. */
  requiredApprovals: number;
}

/** Shutdown, as the loop sees it: the CLI turns signals into these. */
export interface StopControl {
  /** Set by the first signal: claim nothing more, stop at the next step boundary. */
  readonly stopping: () => boolean;
  /** Aborted when the agent must stop now (grace period over, or a second signal). */
  readonly agentSignal: AbortSignal;
  /** Aborted with the first signal, to cut waits short. */
  readonly wakeSignal: AbortSignal;
}

export type IssueOutcome = "done" | "escalated" | "abandoned";

export type LoopEvent =
  | { type: "started"; runId: string; takeover?: string }
  /** `from` is absent when the work item starts; equal to `state` for a fact recorded within a step. */
  | {
      type: "state";
      issue: number;
      title: string;
      from?: WorkItemState;
      state: WorkItemState;
      attempt: number;
      /** What the work item does (absent: delivering the issue), and for a rework its round. */
      kind?: WorkKind;
      round?: number;
      note?: string;
    }
  | { type: "restart"; issue: number; decision: string; reason: string }
  | {
      type: "finished-issue";
      issue: number;
      /** What was done: an issue delivered, a pull request reworked or landed. */
      kind?: WorkKind;
      outcome: IssueOutcome;
      pr?: PullRequestRef;
      reason?: string;
    }
  /** The trust gate refused the issue (`commented`: the re-approval comment was posted now). */
  | { type: "untrusted"; issue: number; reason: string; commented: boolean }
  | { type: "drift"; issue: number; kind: DriftKind; severity: DriftSeverity; action: string }
  | { type: "idle"; reason: string; nextPollSeconds: number }
  | { type: "retrying"; reason: string; delaySeconds: number }
  | { type: "stopping"; reason: string }
  /** How a notification fared (design §5 "Notifications"); `report.target` is the redacted webhook. */
  | { type: "notified"; report: DeliveryReport };

export interface LoopSummary {
  runId: string;
  outcome: "completed" | "stopped" | "failed";
  reason: string;
  issues: Array<{ issue: number; kind?: WorkKind; outcome: IssueOutcome; pr?: PullRequestRef; reason?: string }>;
  /** design §7 exit code. */
  exitCode: number;
}
