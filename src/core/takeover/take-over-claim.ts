import { branchFor } from "../../domain/branch-name.js";
import type { Issue } from "../../domain/issue.js";
import { handedOverMarks } from "../../domain/claim-marks.js";
import { LABEL } from "../../domain/labels.js";
import { takeoverLease, type Lease } from "../../domain/lease.js";
import { ClaimLostError, GitHubUnavailableError } from "../../errors/index.js";
import type { IssueTracker } from "../ports.js";
import type { StaleClaim } from "./find-stale-claims.js";

export interface TakeoverIdentity {
  agentId: string;
  login: string;
  host: string;
  runId: string;
  now: () => Date;
  /** Written into the new lease: how long it lives without a heartbeat. */
  leaseMinutes: number;
  by?: "loop" | "pop";
}

export interface TakenOver {
  issue: Issue;
  leaseSha: string;
  epoch: number;
  previous: Lease;
  /** The previous holder's branch: work it pushed there is continued, never lost. */
  continueFrom: string;
}

/**
 * Take a stale claim over (design §3): a child of the stale lease commit with epoch + 1, and the
 * claim ref fast-forwarded to it. Of several contenders exactly one fast-forward succeeds; for
 * the others, and for the old holder should it come back, the ref has moved past their commit
 * (ClaimLostError: the fence). Then the marks change hands: the previous agent's label and
 * assignee give way to ours. Returns undefined when the claim is not ours to take (lost the
 * race, or the issue was closed, delivered or handed to people meanwhile).
 */
export async function takeOverClaim(
  tracker: IssueTracker,
  stale: StaleClaim,
  identity: TakeoverIdentity,
): Promise<TakenOver | undefined> {
  const issue = await tracker.getIssue(stale.issueNumber);
  if (issue.state !== "open" || issue.labels.includes(LABEL.review) || issue.labels.includes(LABEL.humanOnly))
    return undefined;
  const lease = takeoverLease(stale.lease, {
    agent: identity.agentId,
    login: identity.login,
    host: identity.host,
    runId: identity.runId,
    heartbeatAt: identity.now(),
    leaseMinutes: identity.leaseMinutes,
    ...(identity.by === undefined ? {} : { by: identity.by }),
  });
  const leaseSha = await tracker.createLeaseCommit(lease, stale.sha);
  try {
    await tracker.moveClaimRef(issue.number, leaseSha);
  } catch (error) {
    if (error instanceof ClaimLostError) return undefined;
    throw error;
  }
  const marked = await tracker.setMarks(issue.number, handedOverMarks(issue, stale.lease, identity));
  if (!marked.labels.includes(identity.agentId) || marked.labels.includes(stale.lease.agent)) {
    throw new GitHubUnavailableError(`GitHub did not keep the takeover's labels on #${issue.number}`, {
      reason: "server-error",
      hint: "the claim is ours (epoch " + lease.epoch + "); `my-little-soda status` shows the marks to repair",
    });
  }
  return {
    issue: marked,
    leaseSha,
    epoch: lease.epoch,
    previous: stale.lease,
    continueFrom: branchFor(stale.lease.agent, issue),
  };
}
