import type { ReworkReason } from "../../domain/review/verdict.js";
import { MergeConflictError } from "../../errors/index.js";
import type { GitWorkspace } from "../ports.js";

/**
 * Bring the checked-out branch of a pull request level with what GitHub has (`origin/<branch>`,
 * fetched by the caller): a fast-forward, or — when we have commits GitHub lacks, from an
 * interrupted round — ours replayed on top of theirs, so commits a person pushed are kept.
 * False when both moved and ours do not rebase cleanly (the branch is left as it was).
 */
export async function levelWithRemote(workspace: GitWorkspace, branch: string): Promise<boolean> {
  const remote = `origin/${branch}`;
  if (await workspace.fastForward(remote)) return true;
  if (await workspace.isAncestor(remote, "HEAD")) return true;
  return rebasedCleanly(workspace, remote);
}

export interface BaseUpdate {
  /** The branch's history was rewritten (rebased onto the base): it needs a push with a lease. */
  rewritten: boolean;
  /** Files git could not merge: the merge is left in progress, for whoever reworks it. */
  conflictFiles: string[];
}

/**
 * When the reasons are a conflict with the base or a base that moved on, bring `origin/<base>`
 * (fetched by the caller) into the branch: rebased onto it with the `rebase` strategy when that
 * goes cleanly, else merged; a merge git cannot finish is left in progress with its files named.
 */
export async function bringInBase(
  workspace: GitWorkspace,
  update: {
    branch: string;
    baseBranch: string;
    reasons: readonly ReworkReason[];
    strategy: "rebase" | "merge";
    /** What GitHub has for the branch: a rebase that moved HEAD away from it rewrote history. */
    remoteSha: string | undefined;
  },
): Promise<BaseUpdate> {
  const needed = update.reasons.some((reason) => reason.kind === "conflict" || reason.kind === "behind-base");
  if (!needed) return { rewritten: false, conflictFiles: [] };
  const base = `origin/${update.baseBranch}`;
  if (update.strategy === "rebase" && (await rebasedCleanly(workspace, base))) {
    return { rewritten: (await workspace.resolveRef("HEAD")) !== update.remoteSha, conflictFiles: [] };
  }
  const merged = await workspace.merge(base, `Merge ${update.baseBranch} into ${update.branch}`);
  return { rewritten: false, conflictFiles: merged.outcome === "conflict" ? merged.files : [] };
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

/** The reasons with the files of a conflict git could not resolve filled in. */
export function withConflictFiles(reasons: readonly ReworkReason[], files: readonly string[]): ReworkReason[] {
  if (files.length === 0) return [...reasons];
  return reasons.map((reason) => (reason.kind === "conflict" ? { ...reason, files: [...files] } : reason));
}
