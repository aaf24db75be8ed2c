import { referencesOf, type Blocker } from "../../domain/dependencies.js";
import type { Issue } from "../../domain/issue.js";
import { LABEL } from "../../domain/labels.js";
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
  const blockers: Blocker[] = [];
  const openBlockers = now.relations?.openBlockers ?? 0;
  if (openBlockers > 0) blockers.push({ via: "github", count: openBlockers });
  const openSubIssues = now.relations?.openSubIssues ?? 0;
  if (openSubIssues > 0) blockers.push({ via: "sub-issues", count: openSubIssues });
  const earlier = new Set(referencesOf(before));
  const added = referencesOf(now).filter((number) => !earlier.has(number));
  if (added.length === 0) return blockers;
  for (const [number, fact] of await tracker.readIssueStates(added)) {
    if (fact?.open) {
      blockers.push({
        via: "body",
        number,
        isPullRequest: fact.isPullRequest,
        humanOnly: fact.labels.includes(LABEL.humanOnly),
      });
    }
  }
  return blockers;
}
