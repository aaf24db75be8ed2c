import { existsSync } from "node:fs";
import type { DriftObservation } from "../../domain/drift.js";
import type { Issue } from "../../domain/issue.js";
import { NotFoundError } from "../../errors/index.js";
import { readClaimHolder } from "../../core/read-claim-holder.js";
import { blockersAddedSince } from "./observe-dependencies.js";
import type { LoopContext, Work } from "../work-context.js";

/**
 * When the check runs, which decides what it looks at: GitHub (issue, claim, pushed branch, PR)
 * while the agent works and before delivery; the local git side (worktree branch, how far the
 * base moved) before verify, where a rebase can still happen.
 */
export type ObservationScope = "run" | "before-verify" | "before-deliver";

export interface Observed {
  seen: DriftObservation;
  /** The issue as GitHub shows it now, when it was read. */
  issue?: Issue;
  /** The claim ref's commit, when it was read. */
  claimSha?: string;
}

/**
 * Look at GitHub and git for one work item. Every GitHub read is a GET through the ETag cache,
 * so while nothing changes it is a 304 that costs no rate limit. The claim's lease is only read
 * when the ref moved away from the lease we wrote.
 */
export async function observe(ctx: LoopContext, work: Work, scope: ObservationScope): Promise<Observed> {
  const { tracker, git } = ctx.deps;
  const number = work.issue.number;
  const seen: DriftObservation = {};
  if (scope === "before-verify") {
    await observeGit(ctx, work, seen);
    return { seen };
  }
  const issue = await tracker.getIssue(number).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  seen.issue = issue && { state: issue.state, labels: issue.labels, assignees: issue.assignees };
  // A rework round answers to its pull request; what the issue waits for no longer matters to it.
  if (issue && work.item.kind !== "rework") seen.blockers = await blockersAddedSince(tracker, work.issue, issue);

  const { sha: claimSha, claim } = await readClaimHolder(tracker, number, ctx.settings.agentId, work.leaseSha);
  seen.claim = claim;

  const pushed = work.item.expected?.pushedSha;
  if (pushed) {
    const head = (await tracker.getBranchHead(work.branch)) ?? null;
    let containsPushed = head === pushed;
    if (head && !containsPushed) {
      await git.fetch("origin", work.branch).catch(() => undefined);
      containsPushed = await git.isAncestor(pushed, `origin/${work.branch}`);
    }
    seen.remoteBranch = { head, containsPushed };
  }
  if (work.item.prNumber !== undefined) {
    const pull = await tracker.getPullRequest(work.item.prNumber);
    seen.pull = { state: pull.state, merged: pull.merged, labels: pull.labels };
  }
  return { seen, issue: issue ?? undefined, claimSha };
}

async function observeGit(ctx: LoopContext, work: Work, seen: DriftObservation): Promise<void> {
  if (!existsSync(work.worktree)) return;
  await ctx.deps.git.fetch("origin", work.baseBranch);
  const workspace = ctx.deps.openWorkspace(work.worktree);
  seen.worktreeBranch = (await workspace.currentBranch()) ?? null;
  if (seen.worktreeBranch === work.branch)
    seen.commitsBehindBase = await workspace.countCommitsAhead("HEAD", `origin/${work.baseBranch}`);
}
