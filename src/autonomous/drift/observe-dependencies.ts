import { dependencyVerdict, referencesOf, type Blocker, type BlockerFact } from "../../domain/dependencies.js";
import type { Issue } from "../../domain/issue.js";
import type { IssueTracker } from "../../core/ports.js";

/**
 * Dependencies that appeared after the claim (design §5, drift `dependency-added`): GitHub's counts
 * come with the issue read anyway; "blocked by #N" lines are compared with the body last seen, and
 * only lines new since then cost a read — once, since the body seen now becomes the one compared.
 */
export async function blockersAddedSince(
  tracker: Pick<IssueTracker, "readIssueStates">,
  before: Issue,
  now: Issue,
): Promise<Blocker[]> {
  const earlier = new Set(referencesOf(before));
  const added = referencesOf(now).filter((number) => !earlier.has(number));
  const facts = added.length > 0 ? await tracker.readIssueStates(added) : new Map<number, BlockerFact | null>();
  // Lines seen before were checked when seen (at the claim, or at an earlier check): not again.
  const verdict = dependencyVerdict(now, (number) => facts.get(number) ?? null);
  return verdict.kind === "blocked" ? verdict.blockers : [];
}
