import { existsSync } from "node:fs";
import path from "node:path";
import { worktreePathOfBranch } from "../../domain/branch-name.js";
import { describeReworkReasons } from "../../domain/review/describe-rework-reasons.js";
import type { ReviewStage, ReworkReason } from "../../domain/review/verdict.js";
import { GitError, NothingToDoError } from "../../errors/index.js";
import type { PopIdentity } from "../pop/apply-pop.js";
import type { GitWorkspace, IssueTracker } from "../ports.js";
import { claimForReview } from "../review/claim-for-review.js";
import { bringInBase, levelWithRemote, withConflictFiles } from "../review/update-rework-branch.js";
import type { ReworkClaimPlan } from "./plan-rework.js";

export interface ReworkResult {
  /** The pull request. */
  number: number;
  issue: number;
  title: string;
  url: string;
  branch: string;
  baseBranch: string;
  stage: ReviewStage;
  round: number;
  maxRounds: number;
  /** With the files of a conflict git could not resolve filled in. */
  reasons: ReworkReason[];
  /** The reasons as the loop's agent gets them (`{{reasons}}` of the rework prompt). */
  markdown: string;
  /** Where the work happens: the worktree, or the checkout's root. */
  workdir: string;
  /** Files of a merge with the base that git left in progress for you. */
  conflictFiles: string[];
}

export interface ReworkPorts {
  tracker: IssueTracker;
  git: GitWorkspace;
  openWorkspace(dir: string): GitWorkspace;
}

/**
 * `pop --rework`: the rework claim (the issue's claim ref at a fresh lease, as the loop takes
 * it), then the pull request's branch checked out — or in a worktree — level with GitHub (commits
 * a person pushed are kept), and the base merged in when the reasons are a conflict or a base
 * that moved on; a merge git cannot finish is left in progress, its files named. At a terminal
 * the base is always merged, never rebased: `bottle` pushes without force. When placing the
 * branch fails the claim is released again.
 */
export async function applyRework(
  plan: ReworkClaimPlan,
  ports: ReworkPorts,
  identity: PopIdentity,
): Promise<ReworkResult> {
  const { tracker, git } = ports;
  const { pull, issueNumber } = plan.own;
  const leaseSha = await claimForReview(tracker, issueNumber, plan.login, identity);
  if (leaseSha === undefined)
    throw new NothingToDoError(
      `PR #${pull.number} was claimed for rework by another agent first; run pop --rework again`,
    );
  try {
    const workdir = await placeBranch(plan, ports, identity.agentId);
    const workspace = workdir === plan.root ? git : ports.openWorkspace(workdir);
    if (!(await levelWithRemote(workspace, pull.headBranch))) {
      throw new GitError(`${pull.headBranch} and origin/${pull.headBranch} have diverged and do not rebase cleanly`, {
        hint: `reconcile the local branch with origin/${pull.headBranch} yourself, then run pop --rework again`,
      });
    }
    const { conflictFiles } = await bringInBase(workspace, {
      branch: pull.headBranch,
      baseBranch: pull.baseBranch,
      reasons: plan.assessment.reasons,
      strategy: "merge",
      remoteSha: undefined,
    });
    const reasons = withConflictFiles(plan.assessment.reasons, conflictFiles);
    return {
      number: pull.number,
      issue: issueNumber,
      title: pull.title,
      url: pull.url,
      branch: pull.headBranch,
      baseBranch: pull.baseBranch,
      stage: plan.assessment.stage,
      round: plan.round,
      maxRounds: plan.maxRounds,
      reasons,
      markdown: describeReworkReasons(reasons),
      workdir,
      conflictFiles,
    };
  } catch (error) {
    await tracker.deleteClaimRef(issueNumber).catch(() => undefined);
    throw error;
  }
}

/** The worktree's path for `--worktree`: like the loop's, after the branch. */
export function reworkWorktreePath(plan: ReworkClaimPlan, agentId: string): string {
  return worktreePathOfBranch(path.join(plan.root, ".my-little-soda"), agentId, plan.own.pull.headBranch);
}

async function placeBranch(plan: ReworkClaimPlan, ports: ReworkPorts, agentId: string): Promise<string> {
  const { git } = ports;
  const { headBranch, baseBranch } = plan.own.pull;
  await git.fetch("origin", baseBranch);
  await git.fetch("origin", headBranch);
  if (plan.worktree) {
    const workdir = reworkWorktreePath(plan, agentId);
    // Kept from an earlier `pop --rework --worktree` of the same pull request: work goes on there.
    if (!existsSync(workdir)) await git.addWorktree(workdir, headBranch, `origin/${headBranch}`);
    return workdir;
  }
  if (plan.localBranch) await git.checkout(headBranch);
  else await git.createAndCheckoutBranch(headBranch, `origin/${headBranch}`);
  return plan.root;
}
