import { existsSync } from "node:fs";
import { releasedMarks } from "../../domain/claim-marks.js";
import { driftComment } from "../../domain/drift-comment.js";
import type { Drift } from "../../domain/drift.js";
import { removeWorktree } from "../steps/ensure-worktree.js";
import { preserveWork } from "../steps/preserve-work.js";
import { readClaimHolder } from "../../core/read-claim-holder.js";
import type { LoopContext, Work } from "../work-context.js";
import { advance, recordedInDetail } from "../work-context.js";
import { ensureComment } from "../steps/ensure-comment.js";

/**
 * Critical drift (design §5): the agent is already stopped; keep its work (committed, pushed —
 * to a separate branch when ours was rewritten), release the claim if it is still ours,
 * comment once, and give the issue up. Replaying after a crash never comments twice.
 */
export async function stopForDrift(ctx: LoopContext, start: Work, drift: Drift): Promise<void> {
  const { tracker } = ctx.deps;
  let work = start;
  const number = work.issue.number;
  if (recordedInDetail(ctx, work, "stoppingForDrift") === undefined) {
    work = advance(
      ctx,
      work,
      { to: work.item.state, agentPid: null, agentPgid: null, detail: { stoppingForDrift: drift } },
      `critical drift: ${drift.kind}`,
    );
  }
  if (existsSync(work.worktree)) {
    await ctx.deps
      .openWorkspace(work.worktree)
      .commitAll(
        `WIP: work in progress on #${number} when ${drift.kind} was found\n\nCommitted by my-little-soda so that nothing is lost.`,
      );
  }
  // A claim that moved on without us may have been taken over, and the new holder continues from
  // our pushed branch: later work goes beside it, never onto it.
  const sideBranch = ["branch-rewritten", "claim-taken-over", "claim-lost"].includes(drift.kind);
  const preserved = await preserveWork(ctx, work, { sideBranch });
  const { claim } = await readClaimHolder(tracker, number, ctx.settings.agentId, work.leaseSha);
  const released = claim.holder === "us";
  if (released) await tracker.deleteClaimRef(number);
  if (drift.kind === "dependency-added" && released) {
    // Not the issue's fault: it goes back to the queue, where it waits until its blockers are done.
    const issue = await tracker.getIssue(number);
    await tracker.setMarks(number, releasedMarks({ labels: issue.labels, assignees: issue.assignees }, work.login));
  } else if (work.issue.labels.includes(ctx.settings.agentId)) await tracker.removeLabel(number, ctx.settings.agentId);
  if (recordedInDetail(ctx, work, "driftComment") === undefined && drift.kind !== "issue-deleted") {
    // A rework round is about the pull request: that is where its reviewers look.
    const target = work.item.kind === "rework" ? (work.item.prNumber ?? number) : number;
    const body = driftComment({ agentId: ctx.settings.agentId, drift, branch: preserved.branch });
    ({ work } = await ensureComment(ctx, work, { target, key: "driftComment", body }));
  }
  await removeWorktree(ctx, work);
  const action = [
    "stopped the agent",
    preserved.branch ? `work pushed to ${preserved.branch}` : preserved.note,
    released
      ? drift.kind === "dependency-added"
        ? "claim released, back in the queue"
        : "claim released"
      : "claim was not ours",
    "commented",
  ].join("; ");
  ctx.deps.store.recordDrift({
    runId: ctx.runId,
    workItemId: work.item.id,
    issueNumber: number,
    kind: drift.kind,
    severity: drift.severity,
    expected: drift.expected,
    found: drift.found,
    action,
    outcome: "abandoned",
  });
  ctx.deps.emit({ type: "drift", issue: number, kind: drift.kind, severity: drift.severity, action });
  advance(
    ctx,
    work,
    { to: "abandoned", detail: { drift: drift.kind, preserved: preserved.note } },
    `gave up #${number}: ${drift.kind}`,
  );
}
