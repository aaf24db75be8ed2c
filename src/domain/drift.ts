import { describeBlockers, type Blocker } from "./dependencies.js";
import { LABEL } from "./labels.js";

/**
 * Drift (design §5): GitHub or git no longer showing what the loop expects for the issue it
 * works on. Pure: the caller observes, this compares — label sets as sets, and only the
 * labels and people the claim is about, so a person adding `bug` is not drift.
 */
/** Most severe first: the order reports list them in. */
export const DRIFT_SEVERITIES = ["critical", "moderate", "minor"] as const;
export type DriftSeverity = (typeof DRIFT_SEVERITIES)[number];

export const DRIFT_KINDS = [
  "issue-closed",
  "issue-deleted",
  "reassigned",
  "human-only-added",
  "agent-label-removed",
  "ready-label-added",
  "claim-lost",
  "claim-taken-over",
  "branch-deleted",
  "branch-rewritten",
  "pr-merged",
  "pr-closed",
  "review-label-removed",
  "base-ahead",
  "worktree-wrong-branch",
  "dependency-added",
] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export interface Drift {
  kind: DriftKind;
  severity: DriftSeverity;
  expected: Record<string, unknown>;
  found: Record<string, unknown>;
}

export interface DriftExpectation {
  login: string;
  agentLabel: string;
  branch: string;
  /** What we pushed; undefined before the first push (then the remote branch is not ours to check). */
  pushedSha?: string;
  prNumber?: number;
  /** A rework round answers to its pull request, not to the issue's claim marks. */
  kind?: "deliver" | "rework";
  /** Commits the base may gain before the branch is rebased onto it. */
  maxCommitsBehindBase: number;
}

/** What was seen; a field left undefined was not looked at this time. */
export interface DriftObservation {
  issue?: { state: "open" | "closed"; labels: string[]; assignees: string[] } | null;
  claim?: { holder: "us" } | { holder: "other"; agent: string } | { holder: "none" };
  /** The remote branch's head (null: no such branch), and whether it contains what we pushed. */
  remoteBranch?: { head: string | null; containsPushed: boolean };
  pull?: { state: "open" | "closed"; merged: boolean; labels?: string[] };
  commitsBehindBase?: number;
  worktreeBranch?: string | null;
  /** What the issue now waits for that it did not when claimed (design §2 "Dependencies"). */
  blockers?: Blocker[];
}

const SEVERITY: Record<DriftKind, DriftSeverity> = {
  "issue-closed": "critical",
  "issue-deleted": "critical",
  reassigned: "critical",
  "human-only-added": "critical",
  "claim-lost": "critical",
  "claim-taken-over": "critical",
  "branch-rewritten": "critical",
  "pr-closed": "critical",
  "review-label-removed": "critical",
  "dependency-added": "critical",
  "agent-label-removed": "moderate",
  "ready-label-added": "moderate",
  "branch-deleted": "moderate",
  "base-ahead": "moderate",
  "worktree-wrong-branch": "moderate",
  "pr-merged": "minor",
};

export function detectDrift(expect: DriftExpectation, seen: DriftObservation): Drift[] {
  const drifts: Drift[] = [];
  const rework = expect.kind === "rework";
  // A merge during a rework round leaves the round's work with nowhere to go: stop it.
  const severityOf = (kind: DriftKind) => (rework && kind === "pr-merged" ? "critical" : SEVERITY[kind]);
  const add = (kind: DriftKind, expected: Record<string, unknown>, found: Record<string, unknown>) =>
    drifts.push({ kind, severity: severityOf(kind), expected, found });
  const { issue } = seen;
  if (issue === null) add("issue-deleted", { issue: "open" }, { issue: "gone" });
  if (issue) {
    // A pull request we opened and a person merged closes the issue: that is the goal, not drift.
    if (issue.state === "closed" && !seen.pull?.merged) add("issue-closed", { state: "open" }, { state: "closed" });
    if (!issue.assignees.includes(expect.login) && issue.assignees.length > 0)
      add("reassigned", { assignees: [expect.login] }, { assignees: issue.assignees });
    if (issue.labels.includes(LABEL.humanOnly))
      add("human-only-added", { labels: [expect.agentLabel] }, { labels: issue.labels });
    if (!rework && !issue.labels.includes(expect.agentLabel) && !issue.labels.includes(LABEL.review))
      add("agent-label-removed", { labels: [expect.agentLabel] }, { labels: issue.labels });
    if (issue.labels.includes(LABEL.ready))
      add("ready-label-added", { labels: [expect.agentLabel] }, { labels: issue.labels });
  }
  if (!rework && seen.blockers && seen.blockers.length > 0)
    add("dependency-added", { waitsFor: "nothing" }, { waitsFor: describeBlockers(seen.blockers) });
  // Delivery releases the claim once the pull request is open; a rework round holds it to the end.
  if (seen.claim?.holder === "none" && (rework || !seen.pull))
    add("claim-lost", { claim: expect.agentLabel }, { claim: null });
  if (seen.claim?.holder === "other")
    add("claim-taken-over", { claim: expect.agentLabel }, { claim: seen.claim.agent });
  if (seen.remoteBranch && expect.pushedSha) {
    if (seen.remoteBranch.head === null)
      add("branch-deleted", { branch: expect.branch, head: expect.pushedSha }, { branch: null });
    else if (!seen.remoteBranch.containsPushed)
      add("branch-rewritten", { branch: expect.branch, contains: expect.pushedSha }, { head: seen.remoteBranch.head });
  }
  if (seen.pull && expect.prNumber !== undefined && seen.pull.state === "closed") {
    add(
      seen.pull.merged ? "pr-merged" : "pr-closed",
      { pr: expect.prNumber, state: "open" },
      { pr: expect.prNumber, state: seen.pull.merged ? "merged" : "closed" },
    );
  }
  if (rework && seen.pull?.state === "open" && seen.pull.labels && !seen.pull.labels.includes(LABEL.review)) {
    add("review-label-removed", { pr: expect.prNumber, labels: [LABEL.review] }, { labels: seen.pull.labels });
  }
  if (seen.commitsBehindBase !== undefined && seen.commitsBehindBase > expect.maxCommitsBehindBase) {
    add(
      "base-ahead",
      { commitsBehindBase: `≤ ${expect.maxCommitsBehindBase}` },
      { commitsBehindBase: seen.commitsBehindBase },
    );
  }
  if (seen.worktreeBranch !== undefined && seen.worktreeBranch !== expect.branch)
    add("worktree-wrong-branch", { branch: expect.branch }, { branch: seen.worktreeBranch });
  return drifts;
}
