import type { Issue } from "../../domain/issue.js";
import { isAgentLabel } from "../../domain/labels.js";
import type { IssueTracker } from "../ports.js";
import type { ClaimView, Problem } from "./status-report.js";

export interface ClaimsRead {
  claims: ClaimView[];
  problems: Problem[];
  /** Issues that carry a claim, by number, for the agent section. */
  issues: Map<number, Issue>;
}

/**
 * Every claim visible on GitHub: the lock refs, and the issues marked with an agent label.
 * Costs one request for the refs, one for the labels, one per agent label in use and one per
 * lock whose issue is not marked — bounded by the number of agents, never by the queue.
 */
export async function readClaims(tracker: IssueTracker): Promise<ClaimsRead> {
  const [refs, labels] = await Promise.all([tracker.listClaimRefs(), tracker.listLabels()]);
  const agentLabels = labels.map((label) => label.name).filter(isAgentLabel);
  const pages = await Promise.all(agentLabels.map((label) => tracker.listOpenIssues({ labels: [label], perPage: 100 })));
  const issues = new Map<number, Issue>();
  for (const issue of pages.flatMap((page) => page.issues)) issues.set(issue.number, issue);

  const locked = new Set(refs.map((ref) => ref.issueNumber));
  for (const number of locked) {
    if (!issues.has(number)) issues.set(number, await tracker.getIssue(number).catch(() => missingIssue(number)));
  }

  const claims: ClaimView[] = [];
  const problems: Problem[] = [];
  for (const issue of [...issues.values()].sort((a, b) => a.number - b.number)) {
    const agent = issue.labels.find(isAgentLabel) ?? null;
    const claim: ClaimView = {
      issue: issue.number,
      title: issue.title || null,
      url: issue.url || null,
      agent,
      assignees: issue.assignees,
      locked: locked.has(issue.number),
      marked: agent !== null,
    };
    claims.push(claim);
    if (claim.locked && !claim.marked) {
      problems.push({ kind: "lock-without-marks", issue: issue.number, message: `#${issue.number} has a claim lock but no agent label` });
    }
    if (claim.marked && !claim.locked) {
      problems.push({ kind: "marks-without-lock", issue: issue.number, message: `#${issue.number} is labelled ${agent} but has no claim lock` });
    }
    if (issue.state === "closed") {
      problems.push({ kind: "claim-on-closed-issue", issue: issue.number, message: `#${issue.number} is closed but still claimed` });
    }
  }
  return { claims, problems, issues };
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
