import { formatAge } from "../../domain/format-age.js";
import type { Issue } from "../../domain/issue.js";
import { isAgentLabel, LABEL } from "../../domain/labels.js";
import { isLeaseStale, leaseAgeSeconds, type Lease } from "../../domain/lease.js";
import type { IssueTracker } from "../ports.js";
import { readLeaseOf } from "../read-lease-of.js";
import type { ClaimView, Problem } from "./status-report.js";

export interface ClaimsRead {
  claims: ClaimView[];
  problems: Problem[];
  /** Issues that carry a claim, by number, for the agent section. */
  issues: Map<number, Issue>;
}

export interface ReadClaimsOptions {
  /** A lease whose heartbeat is older than this is stale. */
  leaseMinutes: number;
  now: Date;
}

/**
 * Every claim visible on GitHub: the lock refs with their leases, and the issues marked with an
 * agent label. Costs one request for the refs, one for the labels, one per agent label in use,
 * one per lock (its lease) and one per lock whose issue is not marked — bounded by the number
 * of claims and agents, never by the queue.
 */
export async function readClaims(tracker: IssueTracker, options: ReadClaimsOptions): Promise<ClaimsRead> {
  const [refs, labels] = await Promise.all([tracker.listClaimRefs(), tracker.listLabels()]);
  const agentLabels = labels.map((label) => label.name).filter(isAgentLabel);
  const [pages, leases] = await Promise.all([
    Promise.all(agentLabels.map((label) => tracker.listOpenIssues({ labels: [label], perPage: 100 }))),
    Promise.all(refs.map((ref) => readLeaseOf(tracker, ref))),
  ]);
  const issues = new Map<number, Issue>();
  for (const issue of pages.flatMap((page) => page.issues)) issues.set(issue.number, issue);

  const leaseOf = new Map(refs.map((ref, index) => [ref.issueNumber, leases[index]]));
  for (const number of leaseOf.keys()) {
    if (!issues.has(number)) issues.set(number, await tracker.getIssue(number).catch(() => missingIssue(number)));
  }

  const claims: ClaimView[] = [];
  const problems: Problem[] = [];
  for (const issue of [...issues.values()].sort((a, b) => a.number - b.number)) {
    const agent = issue.labels.find(isAgentLabel) ?? null;
    const lease = leaseOf.get(issue.number);
    const claim: ClaimView = {
      issue: issue.number,
      title: issue.title || null,
      url: issue.url || null,
      agent,
      assignees: issue.assignees,
      locked: leaseOf.has(issue.number),
      marked: agent !== null,
      holder: lease
        ? { agent: lease.agent, login: lease.login, host: lease.host, runId: lease.runId, epoch: lease.epoch }
        : null,
      leaseAgeSeconds: lease ? leaseAgeSeconds(lease, options.now) : null,
      stale: lease ? isLeaseStale(lease, options.now, options.leaseMinutes) : false,
      rework: agent === null && leaseOf.has(issue.number) && issue.labels.includes(LABEL.review),
    };
    claims.push(claim);
    problems.push(...problemsOf(issue, claim, lease, options.leaseMinutes));
  }
  return { claims, problems, issues };
}

function problemsOf(issue: Issue, claim: ClaimView, lease: Lease | undefined, leaseMinutes: number): Problem[] {
  const problems: Problem[] = [];
  const add = (kind: Problem["kind"], message: string) =>
    problems.push({ kind, issue: issue.number, message: `#${issue.number} ${message}` });
  // A rework claim is a lock alone: the issue stays in route:review, where people see it.
  if (claim.locked && !claim.marked && !claim.rework) add("lock-without-marks", "has a claim lock but no agent label");
  if (claim.marked && !claim.locked) add("marks-without-lock", `is labelled ${claim.agent} but has no claim lock`);
  if (issue.state === "closed") add("claim-on-closed-issue", "is closed but still claimed");
  if (claim.locked && !lease)
    add("unreadable-lease", "has a claim lock whose commit is not a lease: its holder is unknown");
  if (lease && claim.stale) {
    const age = formatAge(claim.leaseAgeSeconds ?? 0);
    add(
      "stale-claim",
      `claimed by ${lease.agent} on host ${lease.host}, lease ${age} old (stale after ${leaseMinutes} min)`,
    );
  }
  if (lease && claim.marked && !issue.labels.includes(lease.agent)) {
    add("holder-mismatch", `is labelled ${claim.agent} but its claim lock is held by ${lease.agent}`);
  }
  return problems;
}

/** A lock can outlive its issue (deleted, transferred); it is still a claim to report. */
function missingIssue(number: number): Issue {
  return {
    number,
    title: "",
    body: "",
    state: "closed",
    labels: [],
    assignees: [],
    isPullRequest: false,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    url: "",
  };
}
