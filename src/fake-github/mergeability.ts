import { unmetRequirements } from "./merge-requirements.js";
import type { IssueRecord, PullRecord, RepoState } from "./state.js";

// `mergeable` and `mergeable_state` of GET /pulls/{n}, computed from the bare repository:
// a conflict is a real `git merge-tree` conflict, "behind" a real ancestry test.

export type MergeableState = "clean" | "dirty" | "behind" | "blocked" | "unstable" | "draft" | "unknown";

export interface Mergeability {
  mergeable: boolean | null;
  state: MergeableState;
}

const UNKNOWN: Mergeability = { mergeable: null, state: "unknown" };

export async function mergeabilityOf(
  repo: RepoState,
  issue: IssueRecord & { pull: PullRecord },
  shas: { head: string; base: string | null },
): Promise<Mergeability> {
  const { pull } = issue;
  if (issue.state !== "open" || shas.base === null) return UNKNOWN;
  const base = shas.base;
  // GitHub computes mergeability in the background after a push: the first read says unknown.
  const key = `${base}:${shas.head}`;
  if (repo.mergeabilityDelay && pull.mergeabilityShown !== key) {
    pull.mergeabilityShown = key;
    return UNKNOWN;
  }
  if (await repo.gitAnswers.conflicts(base, shas.head)) return { mergeable: false, state: "dirty" };
  if (pull.draft) return { mergeable: true, state: "draft" };
  const unmet = await unmetRequirements(repo, issue, { head: shas.head, base });
  if (unmet.reviews !== null || unmet.checks !== null) return { mergeable: true, state: "blocked" };
  if (unmet.behind) return { mergeable: true, state: "behind" };
  if (unmet.otherChecksUnsettled) return { mergeable: true, state: "unstable" };
  return { mergeable: true, state: "clean" };
}
