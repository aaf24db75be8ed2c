import { existsSync } from "node:fs";
import type { GitWorkspace } from "../../core/ports.js";
import { MergeConflictError } from "../../errors/index.js";
import type { LoopContext, StepResult, Work } from "../work-context.js";
import { advance } from "../work-context.js";
import { needsAgent, reworkPlanOf } from "./rework-plan.js";

/**
 * prepare → run-agent (or → verify when git alone brings the branch up to date), for a rework
 * round: the pull request's branch in its worktree, level with what GitHub has (commits a person
 * pushed are kept: ours are replayed on top of them), then the base brought in when the reasons
 * ask for it. A conflict git cannot resolve is left as a merge in progress for the agent.
 */
export async function prepareRework(ctx: LoopContext, work: Work): Promise<StepResult> {
  const { git } = ctx.deps;
  const plan = reworkPlanOf(ctx, work);
  await git.fetch("origin", work.baseBranch);
  await git.fetch("origin", work.branch);
  const workspace = await openReworkWorktree(ctx, work);
  // Replayed after a crash with the conflict already handed over: the agent still has it to do.
  if (await workspace.mergeInProgress()) return toAgent(ctx, work, workspace, await workspace.unmergedFiles(), false);

  const remote = `origin/${work.branch}`;
  if (!(await workspace.fastForward(remote)) && !(await workspace.isAncestor(remote, "HEAD"))) {
    // Both moved: ours (unpushed, from an interrupted round) go on top of what GitHub has.
    if (!(await rebasedCleanly(workspace, remote))) {
      return failed(work, `the branch ${work.branch} and ${remote} have diverged and do not rebase cleanly`);
    }
  }
  const remoteSha = await git.resolveRef(remote);
  let rewritten = false;
  let conflictFiles: string[] = [];
  if (plan.reasons.some((reason) => reason.kind === "conflict" || reason.kind === "behind-base")) {
    const base = `origin/${work.baseBranch}`;
    const rebased = ctx.settings.review.updateStrategy === "rebase" && (await rebasedCleanly(workspace, base));
    if (rebased) rewritten = (await workspace.resolveRef("HEAD")) !== remoteSha;
    else {
      const merged = await workspace.merge(base, `Merge ${work.baseBranch} into ${work.branch}`);
      if (merged.outcome === "conflict") conflictFiles = merged.files;
    }
  }
  if (conflictFiles.length > 0 || needsAgent(plan.reasons)) {
    return toAgent(ctx, work, workspace, conflictFiles, rewritten, remoteSha);
  }
  const headSha = await workspace.resolveRef("HEAD");
  const next = advance(
    ctx,
    work,
    {
      to: "verify",
      headSha: headSha ?? null,
      detail: { worktree: work.worktree, remoteSha: remoteSha ?? null, rewritten, agent: "not needed" },
    },
    `${work.branch} brought up to date with ${work.baseBranch} by git alone; no agent needed`,
  );
  return { kind: "next", work: next };
}

async function toAgent(
  ctx: LoopContext,
  work: Work,
  workspace: GitWorkspace,
  conflictFiles: string[],
  rewritten: boolean,
  remoteSha?: string,
): Promise<StepResult> {
  const headSha = await workspace.resolveRef("HEAD");
  const conflicts = conflictFiles.length > 0 ? `; conflicts in ${conflictFiles.join(", ")}` : "";
  const next = advance(
    ctx,
    work,
    {
      to: "run-agent",
      headSha: headSha ?? null,
      detail: {
        worktree: work.worktree,
        conflictFiles,
        ...(remoteSha === undefined ? {} : { remoteSha }),
        rewritten,
      },
    },
    `worktree ready at ${work.worktree}${conflicts}`,
  );
  return { kind: "next", work: next };
}

function failed(work: Work, reason: string): StepResult {
  return { kind: "failed", work, failure: { errorClass: "merge-conflict", reason, tail: "" } };
}

/** The branch's worktree: kept from an interrupted round, or added from the local or the pushed branch. */
async function openReworkWorktree(ctx: LoopContext, work: Work): Promise<GitWorkspace> {
  if (existsSync(work.worktree)) return ctx.deps.openWorkspace(work.worktree);
  await ctx.deps.git.addWorktree(work.worktree, work.branch, `origin/${work.branch}`);
  return ctx.deps.openWorkspace(work.worktree);
}

/** Rebase onto `upstream`; false (and the branch as it was) when it conflicts. */
export async function rebasedCleanly(workspace: GitWorkspace, upstream: string): Promise<boolean> {
  try {
    await workspace.rebase(upstream);
    return true;
  } catch (error) {
    if (error instanceof MergeConflictError) return false;
    throw error;
  }
}
