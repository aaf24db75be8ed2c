import type { Issue } from "../../domain/issue.js";
import { isAgentLabel } from "../../domain/labels.js";
import type { Lease } from "../../domain/lease.js";
import { isSodaError } from "../../errors/index.js";
import type { IssueTracker } from "../ports.js";
import { readLeaseOf } from "../read-lease-of.js";

/** What finding claims reads from GitHub. */
export type ClaimSource = Pick<
  IssueTracker,
  "listClaimRefs" | "listLabels" | "readLease" | "listOpenIssues" | "getIssue"
>;

export interface FoundClaim {
  number: number;
  /** The issue, or undefined when it no longer exists (deleted, transferred). */
  issue: Issue | undefined;
  /** The claim ref exists on GitHub. */
  locked: boolean;
  /** The lease the claim ref points at; undefined without a ref or when its commit is not a lease. */
  lease: Lease | undefined;
}

export interface FoundClaims {
  claims: FoundClaim[];
  /** Issues labelled for this agent whose lock another agent's lease holds: not ours to release. */
  heldElsewhere: Array<{ issue: number; agent: string }>;
  /** The agent labels that were searched. */
  agents: string[];
}

/**
 * The claims `reset` would release: open issues carrying the agent label, and claim refs whose
 * lease names the agent (with `all`, every agent label of the repository and every claim ref).
 * Costs a request per agent label and per claim ref, never per queued issue.
 */
export async function findClaims(tracker: ClaimSource, scope: { agentId: string; all: boolean }): Promise<FoundClaims> {
  const [refs, agents] = await Promise.all([
    tracker.listClaimRefs(),
    scope.all
      ? tracker.listLabels().then((labels) => labels.map((label) => label.name).filter(isAgentLabel))
      : [scope.agentId],
  ]);
  const [leases, labelled] = await Promise.all([
    Promise.all(refs.map((ref) => readLeaseOf(tracker, ref))),
    Promise.all(agents.map((agent) => listOpenLabelled(tracker, agent))),
  ]);
  const issues = new Map<number, Issue>();
  for (const issue of labelled.flat()) if (!issue.isPullRequest) issues.set(issue.number, issue);
  const leaseOf = new Map(refs.map((ref, index) => [ref.issueNumber, leases[index]]));

  const numbers = new Set<number>(issues.keys());
  for (const ref of refs) {
    // For one agent, a ref counts when its lease names that agent; a ref that is not a lease has no known holder.
    if (scope.all || leaseOf.get(ref.issueNumber)?.agent === scope.agentId) numbers.add(ref.issueNumber);
  }

  const claims: FoundClaim[] = [];
  const heldElsewhere: FoundClaims["heldElsewhere"] = [];
  for (const number of [...numbers].sort((a, b) => a - b)) {
    const lease = leaseOf.get(number);
    // The lock is the compare-and-set, so it, not a label, says who holds the claim.
    if (!scope.all && lease && lease.agent !== scope.agentId) {
      heldElsewhere.push({ issue: number, agent: lease.agent });
      continue;
    }
    const issue = issues.get(number) ?? (await getIssueIfExists(tracker, number));
    claims.push({ number, issue, locked: leaseOf.has(number), lease });
  }
  return { claims, heldElsewhere, agents };
}

async function listOpenLabelled(tracker: ClaimSource, label: string): Promise<Issue[]> {
  const issues: Issue[] = [];
  for (let page = 1; ; page += 1) {
    const result = await tracker.listOpenIssues({ labels: [label], perPage: 100, page });
    issues.push(...result.issues);
    if (!result.hasNextPage) return issues;
  }
}

async function getIssueIfExists(tracker: ClaimSource, number: number): Promise<Issue | undefined> {
  try {
    return await tracker.getIssue(number);
  } catch (error) {
    // 410: the issue was deleted; its lock is still a claim to release.
    if (isSodaError(error) && (error.status === 404 || error.status === 410)) return undefined;
    throw error;
  }
}
