import type { Drift } from "../../domain/drift.js";
import { LABEL } from "../../domain/labels.js";
import { MergeConflictError } from "../../errors/index.js";
import type { LoopContext, Work } from "../work-context.js";
import { advance } from "../work-context.js";
import type { ObservationScope } from "./observe.js";

export interface Correction {
  action: string;
  outcome: "corrected" | "deferred" | "failed" | "recorded";
}

/** A correction and the work as it stands after it (a rebase moves the recorded HEAD). */
export interface Corrected {
  correction: Correction;
  work: Work;
}

/**
 * Moderate drift is put right (design §5) — but never under a running agent's feet: what would
 * touch its worktree waits for the next step boundary.
 */
export async function correctDrift(
  ctx: LoopContext,
  work: Work,
  drift: Drift,
  scope: ObservationScope,
): Promise<Corrected> {
  if (drift.kind === "base-ahead") return rebaseOntoBase(ctx, work, scope);
  return { correction: await correct(ctx, work, drift, scope), work };
}

async function correct(ctx: LoopContext, work: Work, drift: Drift, scope: ObservationScope): Promise<Correction> {
  const { tracker, git } = ctx.deps;
  const number = work.issue.number;
  switch (drift.kind) {
    case "agent-label-removed":
      await tracker.addLabels(number, [ctx.settings.agentId]);
      return { action: `put ${ctx.settings.agentId} back on #${number}`, outcome: "corrected" };
    case "ready-label-added":
      await tracker.removeLabel(number, LABEL.ready);
      return { action: `took ${LABEL.ready} off #${number} (it is claimed)`, outcome: "corrected" };
    case "branch-deleted":
      await git.push("origin", work.branch);
      return { action: `pushed ${work.branch} again`, outcome: "corrected" };
    case "worktree-wrong-branch":
      if (scope !== "before-verify") return { action: "left alone while the agent runs", outcome: "deferred" };
      await ctx.deps.openWorkspace(work.worktree).checkout(work.branch);
      return { action: `checked ${work.branch} out again in the worktree`, outcome: "corrected" };
    default:
      return { action: "recorded", outcome: "recorded" };
  }
}

async function rebaseOntoBase(ctx: LoopContext, work: Work, scope: ObservationScope): Promise<Corrected> {
  const unchanged = (correction: Correction): Corrected => ({ correction, work });
  if (scope !== "before-verify") {
    return unchanged({ action: "rebase left for the step before verify", outcome: "deferred" });
  }
  // Rewriting a pushed branch would need a force push over what people may already have seen.
  if (work.item.expected?.pushedSha) {
    return unchanged({
      action: "not rebased: the branch is already pushed; the pull request shows the difference",
      outcome: "deferred",
    });
  }
  const workspace = ctx.deps.openWorkspace(work.worktree);
  const base = `origin/${work.baseBranch}`;
  try {
    await workspace.rebase(base);
  } catch (error) {
    if (!(error instanceof MergeConflictError)) throw error;
    return unchanged({
      action: `rebase onto ${base} hit a conflict and was aborted; the work stays on the old base for a person to merge`,
      outcome: "failed",
    });
  }
  const headSha = await workspace.resolveRef("HEAD");
  const baseSha = await ctx.deps.git.resolveRef(base);
  const rebased = advance(
    ctx,
    work,
    { to: work.item.state, headSha: headSha ?? null, baseSha: baseSha ?? null, detail: { rebasedOnto: baseSha } },
    `rebased onto ${base}`,
  );
  const action = `rebased onto ${base} (${baseSha?.slice(0, 7) ?? "?"}); verify runs on the new base`;
  return { correction: { action, outcome: "corrected" }, work: rebased };
}
