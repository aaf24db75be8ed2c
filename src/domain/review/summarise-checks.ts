import type { CheckRunFact, CommitStatusFact } from "./facts.js";

export type ChecksState = "none" | "pending" | "passed" | "failed";

export interface FailingCheckEntry {
  name: string;
  /** The run's conclusion or the status's state. */
  conclusion: string;
  run?: CheckRunFact;
  status?: CommitStatusFact;
}

/** How one required check stands; `missing` when nothing of that name reported on the head. */
export type RequiredCheckState = "passed" | "pending" | "failed" | "awaiting-approval" | "missing";

export interface CheckSummary {
  /** Every check on the head, those awaiting approval to run left out. Decides waiting and rework. */
  state: ChecksState;
  /**
   * The required checks only, for landing: a required check that is missing or awaits approval
   * counts as pending here (GitHub shows it as "Expected" and will not merge). Equals `state`
   * when no required list is given.
   */
  requiredState: ChecksState;
  /** Every failing check, required or not: the agent fixes them all. */
  failing: FailingCheckEntry[];
  /** Queued or running. */
  pending: string[];
  /** Waiting for someone to let them run: never a failure, never waited for as CI. */
  awaitingApproval: string[];
  /** Each required check by name, in the order given (empty when no required list is given). */
  required: Array<{ name: string; state: RequiredCheckState }>;
}

type Verdict = "passed" | "pending" | "failed" | "awaiting-approval";

const FAILED_CONCLUSIONS = new Set(["failure", "timed_out", "cancelled", "startup_failure", "stale"]);
const PASSED_CONCLUSIONS = new Set(["success", "neutral", "skipped"]);

/**
 * The state of CI on a pull request's head from its check runs and commit statuses. Pending
 * wins over failed so a change is never reworked while CI is still telling us about it.
 */
export function summariseChecks(
  runs: readonly CheckRunFact[],
  statuses: readonly CommitStatusFact[],
  required?: readonly string[],
): CheckSummary {
  const entries = [
    ...runs.map((run) => ({ name: run.name, verdict: verdictOfRun(run), conclusion: run.conclusion ?? "", run })),
    ...statuses.map((status) => ({
      name: status.context,
      verdict: verdictOfStatus(status),
      conclusion: status.state,
      status,
    })),
  ];

  const failing: FailingCheckEntry[] = entries
    .filter((entry) => entry.verdict === "failed")
    .map(({ verdict: _verdict, ...entry }) => entry);
  const state = stateOf(entries.map((entry) => entry.verdict));

  if (required === undefined)
    return {
      state,
      requiredState: state,
      failing,
      pending: namesWith(entries, "pending"),
      awaitingApproval: namesWith(entries, "awaiting-approval"),
      required: [],
    };

  const requiredChecks = unique(required).map((name) => ({
    name,
    state: requiredStateOf(entries.filter((entry) => entry.name === name).map((entry) => entry.verdict)),
  }));
  return {
    state,
    requiredState: stateOf(
      requiredChecks.map((check) =>
        check.state === "missing" || check.state === "awaiting-approval" ? "pending" : check.state,
      ),
    ),
    failing,
    pending: namesWith(entries, "pending"),
    awaitingApproval: namesWith(entries, "awaiting-approval"),
    required: requiredChecks,
  };
}

function verdictOfRun(run: CheckRunFact): Verdict {
  // `waiting` covers a deployment or a first-time contributor's workflow held for a person's approval.
  if (run.status === "waiting" || run.status === "requested" || run.status === "pending") return "awaiting-approval";
  if (run.conclusion === "action_required") return "awaiting-approval";
  if (run.status !== "completed" || run.conclusion === null) return "pending";
  if (FAILED_CONCLUSIONS.has(run.conclusion)) return "failed";
  if (PASSED_CONCLUSIONS.has(run.conclusion)) return "passed";
  // A conclusion GitHub adds later: not evidence of success, so it never lets a change land.
  return "pending";
}

function verdictOfStatus(status: CommitStatusFact): Verdict {
  if (status.state === "pending") return "pending";
  if (status.state === "success") return "passed";
  return "failed";
}

/** Awaiting-approval verdicts are left out: they neither pass nor fail nor run. */
function stateOf(verdicts: readonly Verdict[]): ChecksState {
  const counted = verdicts.filter((verdict) => verdict !== "awaiting-approval");
  if (counted.includes("pending")) return "pending";
  if (counted.includes("failed")) return "failed";
  return counted.length > 0 ? "passed" : "none";
}

/** A required name may match a run and a status; both must pass for it to pass. */
function requiredStateOf(verdicts: readonly Verdict[]): RequiredCheckState {
  if (verdicts.length === 0) return "missing";
  if (verdicts.includes("pending")) return "pending";
  if (verdicts.includes("failed")) return "failed";
  if (verdicts.includes("awaiting-approval")) return "awaiting-approval";
  return "passed";
}

function namesWith(entries: ReadonlyArray<{ name: string; verdict: Verdict }>, verdict: Verdict): string[] {
  return unique(entries.filter((entry) => entry.verdict === verdict).map((entry) => entry.name));
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
