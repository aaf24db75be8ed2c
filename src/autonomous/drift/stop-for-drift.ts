import { existsSync } from "node:fs";
import { driftComment } from "../../domain/drift-comment.js";
import type { Drift } from "../../domain/drift.js";
import { removeWorktree } from "../steps/ensure-worktree.js";
import type { LoopContext, Work } from "../work-context.js";
import { advance, recordedInDetail } from "../work-context.js";

/**
 * Critical drift (SPEC §5): the agent is already stopped; keep its work (committed, pushed —
 * to a separate branch when ours was rewritten), release the claim if it is still ours,
 * comment once, and give the issue up. Replaying after a crash never comments twice.
 */
export async function stopForDrift(ctx: LoopContext, work: Work, drift: Drift): Promise<void> {
  const { tracker } = ctx.deps;
  const number = work.issue.number;
  if (recordedInDetail(ctx, work, "stoppingForDrift") === undefined) {
    advance(ctx, work, { to: work.item.state, agentPid: null, agentPgid: null, detail: { stoppingForDrift: drift } }, `critical drift: ${drift.kind}`);
  }
  if (existsSync(work.worktree)) {
    await ctx.deps.openWorkspace(work.worktree).commitAll(`WIP: work in progress on #${number} when ${drift.kind} was found\n\nCommitted by my-little-soda so that nothing is lost.`);
  }
  const preserved = await preserve(ctx, work, drift);
  const claimSha = await tracker.getClaimRef(number);
  const lease = claimSha ? (claimSha === work.leaseSha ? { agent: ctx.settings.agentId } : await tracker.readLease(claimSha)) : undefined;
  const released = lease?.agent === ctx.settings.agentId;
  if (released) await tracker.deleteClaimRef(number);
  if (work.issue.labels.includes(ctx.settings.agentId)) await tracker.removeLabel(number, ctx.settings.agentId);
  if (recordedInDetail(ctx, work, "driftComment") === undefined && drift.kind !== "issue-deleted") {
    const comment = await tracker.createComment(number, driftComment({ agentId: ctx.settings.agentId, drift, branch: preserved }));
    advance(ctx, work, { to: work.item.state, detail: { driftComment: comment.url } }, `commented on #${number}`);
  }
  await removeWorktree(ctx, work);
  const action = ["stopped the agent", preserved ? `work pushed to ${preserved}` : "no commits to keep", released ? "claim released" : "claim was not ours", "commented"].join("; ");
  ctx.deps.store.recordDrift({ runId: ctx.runId, workItemId: work.item.id, issueNumber: number, kind: drift.kind, severity: drift.severity, expected: drift.expected, found: drift.found, action, outcome: "abandoned" });
  ctx.deps.emit({ type: "drift", issue: number, kind: drift.kind, severity: drift.severity, action });
  advance(ctx, work, { to: "abandoned", detail: { drift: drift.kind, preserved: preserved ?? null } }, `gave up #${number}: ${drift.kind}`);
}

/** Push the branch (a side branch when the remote one was rewritten or refuses us); returns where the work is. */
async function preserve(ctx: LoopContext, work: Work, drift: Drift): Promise<string | undefined> {
  const { git } = ctx.deps;
  const local = `refs/heads/${work.branch}`;
  if (!(await git.hasRef(local))) return undefined;
  if ((await git.countCommitsAhead(`origin/${work.baseBranch}`, local).catch(() => 0)) === 0) return undefined;
  const side = `${work.branch}-preserved-${work.item.id}`;
  if (drift.kind !== "branch-rewritten") {
    try {
      await git.push("origin", work.branch);
      return work.branch;
    } catch {
      // Someone else's commits are there now: keep ours next to them.
    }
  }
  await git.push("origin", work.branch, side);
  return side;
}
