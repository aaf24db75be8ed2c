import { applyBottle } from "../../core/bottle/apply-bottle.js";
import { planBottle } from "../../core/bottle/plan-bottle.js";
import type { VerifyOutcome } from "../../domain/pull-request-body.js";
import type { LoopContext, StepResult, Work } from "../work-context.js";
import { advance, recordedInDetail } from "../work-context.js";
import { ensureWorktree, removeWorktree } from "./ensure-worktree.js";

/**
 * deliver → done, through bottle's own code: push, find-or-open the PR, move labels, release
 * the claim. Replayed after a crash it finds the PR already open and completes the rest.
 * `claimSha` is the claim ref as the drift check right before saw it (saves bottle a request).
 */
export async function deliver(
  ctx: LoopContext,
  start: Work,
  seen?: { claimSha: string | undefined },
): Promise<StepResult> {
  const { tracker, runner } = ctx.deps;
  let work = start;
  const workspace = await ensureWorktree(ctx, work);
  const plan = await planBottle({
    tracker,
    git: workspace,
    agentId: ctx.settings.agentId,
    baseBranch: work.baseBranch,
    willVerify: false,
    ownLeaseSha: work.leaseSha,
    known: seen && {
      issue: work.issue,
      claimSha: seen.claimSha,
      noPullRecorded: work.item.prNumber === undefined && work.item.kind === "deliver",
    },
  });
  const verified = (recordedInDetail(ctx, work, "verify") as VerifyOutcome | undefined) ?? { kind: "skipped" };
  const result = await applyBottle(
    plan,
    {
      agentId: ctx.settings.agentId,
      verify: undefined,
      noVerify: false,
      verified,
      draft: ctx.settings.draft,
      returnToBase: false,
      workdir: work.worktree,
      onPullRequest: (pr) => {
        const expected = { ...work.item.expected, issueNumber: work.issue.number, prNumber: pr.number };
        work = advance(ctx, work, { to: "deliver", prNumber: pr.number, expected }, `pull request #${pr.number}`);
      },
    },
    { tracker, git: workspace, runner },
  );
  const headSha = await workspace.resolveRef("HEAD");
  await removeWorktree(ctx, work);
  const done = advance(
    ctx,
    work,
    {
      to: "done",
      prNumber: result.pr.number,
      headSha: headSha ?? null,
      expected: {
        ...work.item.expected,
        issueNumber: work.issue.number,
        prNumber: result.pr.number,
        headSha,
        pushedSha: headSha,
      },
    },
    `${result.created ? "opened" : "found"} PR #${result.pr.number} ${result.pr.url}`,
  );
  return { kind: "next", work: done, pr: { number: result.pr.number, url: result.pr.url } };
}
