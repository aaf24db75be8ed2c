import type { GitWorkspace, IssueTracker } from "../../core/ports.js";
import { branchFor } from "../../domain/branch-name.js";
import type { Store, WorkKind } from "../../core/store-port.js";
import { detectDrift, type Drift, type DriftObservation } from "../../domain/drift.js";
import { readClaimHolder } from "../../core/read-claim-holder.js";

export interface ClaimCheck {
  issue: number;
  title: string;
  /** What the claim is for: delivering the issue, or reworking or landing its pull request. */
  workKind: WorkKind;
  /** The pull request, once there is one. */
  pr: number | null;
  branch: string;
  drifts: Drift[];
}

/**
 * `drift-report --now`: every claim this agent holds, checked against GitHub and git right away,
 * without the loop and without correcting anything. What the loop expected comes from its work
 * item where there is one; a claim made by `pop` by hand is checked against pop's own marks.
 */
export async function checkClaimsNow(
  deps: { tracker: IssueTracker; git: GitWorkspace | undefined; store: Store | undefined },
  agentId: string,
  maxCommitsBehindBase: number,
): Promise<ClaimCheck[]> {
  const { tracker, git, store } = deps;
  const login = (await tracker.getViewer()).login;
  const labelled = (await tracker.listOpenIssues({ labels: [agentId], perPage: 100 })).issues.filter(
    (issue) => !issue.isPullRequest,
  );
  const unfinished = store?.unfinishedWorkItems(agentId) ?? [];
  const tracked = unfinished.map((item) => item.issueNumber);
  const numbers = [...new Set([...labelled.map((issue) => issue.number), ...tracked])].sort((a, b) => a - b);
  const checks: ClaimCheck[] = [];
  for (const number of numbers) {
    const issue = labelled.find((candidate) => candidate.number === number) ?? (await tracker.getIssue(number));
    const item = unfinished.find((candidate) => candidate.issueNumber === number);
    const branch = item?.branch ?? branchFor(agentId, issue);
    const seen: DriftObservation = {
      issue: { state: issue.state, labels: issue.labels, assignees: issue.assignees },
      claim: (await readClaimHolder(tracker, number, agentId)).claim,
    };
    const pushedSha = item?.expected?.pushedSha;
    if (pushedSha) {
      const head = (await tracker.getBranchHead(branch)) ?? null;
      seen.remoteBranch = {
        head,
        containsPushed:
          head === pushedSha || (head !== null && git !== undefined && (await git.isAncestor(pushedSha, head))),
      };
    }
    if (item?.prNumber !== undefined) {
      const pull = await tracker.getPullRequest(item.prNumber);
      seen.pull = { state: pull.state, merged: pull.merged };
    }
    const drifts = detectDrift(
      { login, agentLabel: agentId, branch, pushedSha, prNumber: item?.prNumber, maxCommitsBehindBase },
      seen,
    );
    checks.push({
      issue: number,
      title: issue.title,
      workKind: item?.kind ?? "deliver",
      pr: item?.prNumber ?? null,
      branch,
      drifts,
    });
  }
  return checks;
}
