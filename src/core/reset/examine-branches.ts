import { branchPrefixFor } from "../../domain/branch-name.js";
import type { GitWorkspace } from "../ports.js";

export interface BranchDecision {
  branch: string;
  issue: number;
  action: "delete" | "keep";
  /** Why: "every commit is on origin/main", "3 commits not merged into origin/main, …". */
  reason: string;
}

export type BranchExamination =
  | {
      examined: true;
      baseBranch: string;
      decisions: BranchDecision[];
      /** The checked-out branch is to be deleted: check out the base branch first. */
      checkoutBase: boolean;
    }
  | { examined: false; reason: string };

export interface BranchTarget {
  issue: number;
  /** Agents whose branches `<agent>/<issue>-*` belong to the claim. */
  agents: string[];
}

/**
 * Which local branches of the released issues can go. A branch is deleted only when every
 * commit on it is already on the remote base branch; anything else is kept with the reason,
 * so `reset` never loses work (design §4).
 */
export async function examineBranches(
  git: GitWorkspace | undefined,
  targets: BranchTarget[],
  baseBranch: () => Promise<string>,
): Promise<BranchExamination> {
  if (!git) return { examined: false, reason: "not inside a git repository" };
  const found: Array<{ branch: string; issue: number }> = [];
  for (const target of targets) {
    for (const agent of target.agents) {
      for (const branch of await git.listBranches(branchPrefixFor(agent, target.issue)))
        found.push({ branch, issue: target.issue });
    }
  }
  const base = await baseBranch();
  if (found.length === 0) return { examined: true, baseBranch: base, decisions: [], checkoutBase: false };

  const remoteBase = `origin/${base}`;
  const fetched = await git.fetch("origin", base).then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  if (fetched !== undefined) {
    const reason = `could not fetch ${remoteBase} to check it is merged (${fetched})`;
    return {
      examined: true,
      baseBranch: base,
      decisions: found.map((entry) => ({ ...entry, action: "keep", reason })),
      checkoutBase: false,
    };
  }

  const current = await git.currentBranch();
  const decisions: BranchDecision[] = [];
  for (const { branch, issue } of found) {
    if (await git.isAncestor(branch, remoteBase)) {
      decisions.push({ branch, issue, action: "delete", reason: `every commit is on ${remoteBase}` });
      continue;
    }
    const unmerged = await git.countCommitsAhead(remoteBase, branch);
    const remoteBranch = `refs/remotes/origin/${branch}`;
    const unpushed = (await git.hasRef(remoteBranch)) ? await git.countCommitsAhead(remoteBranch, branch) : null;
    decisions.push({ branch, issue, action: "keep", reason: unmergedReason(unmerged, remoteBase, branch, unpushed) });
  }

  const deletingCurrent = decisions.find((decision) => decision.action === "delete" && decision.branch === current);
  if (deletingCurrent && (await git.status()).changedTrackedFiles.length > 0) {
    deletingCurrent.action = "keep";
    deletingCurrent.reason = "it is checked out and the working tree has uncommitted changes";
  }
  return { examined: true, baseBranch: base, decisions, checkoutBase: deletingCurrent?.action === "delete" };
}

/**
 * "3 commits not merged into origin/main, not pushed (no origin/agent001/4-x)".
 * `unpushed` is how many commits are not on the remote branch, or null when there is none.
 */
export function unmergedReason(unmerged: number, remoteBase: string, branch: string, unpushed: number | null): string {
  const merged = `${unmerged} commit${unmerged === 1 ? "" : "s"} not merged into ${remoteBase}`;
  if (unpushed === null) return `${merged}, not pushed (no origin/${branch})`;
  if (unpushed > 0) return `${merged}, ${unpushed} not pushed to origin/${branch}`;
  return `${merged} (pushed to origin/${branch})`;
}
