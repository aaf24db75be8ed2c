import { existsSync } from "node:fs";
import type { GitWorkspace } from "../../core/ports.js";
import { bringInBase, levelWithRemote } from "../../core/review/update-rework-branch.js";
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

  if (!(await levelWithRemote(workspace, work.branch))) {
    const remote = `origin/${work.branch}`;
    return failed(work, `the branch ${work.branch} and ${remote} have diverged and do not rebase cleanly`);
  }
  const remoteSha = await git.resolveRef(`origin/${work.branch}`);
  const { rewritten, conflictFiles } = await bringInBase(workspace, {
    branch: work.branch,
    baseBranch: work.baseBranch,
    reasons: plan.reasons,
    strategy: ctx.settings.review.updateStrategy,
    remoteSha,
  });
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
