import { dependencyVerdict, factOfOpenIssue, type Blocker, type BlockerFact } from "../domain/dependencies.js";
import type { Issue } from "../domain/issue.js";
import type { IssueTracker } from "./ports.js";

export type IssueStateSource = Pick<IssueTracker, "readIssueStates">;

/** An issue held back by its dependencies, and by what. */
export interface WaitingIssue {
  issue: Issue;
  /** Empty when the blockers' state could not be read (too many named): then it waits too. */
  blockers: Blocker[];
}

export interface DependencyScreen {
  /** The issues free to start, in the order given. */
  clear: Issue[];
  waiting: WaitingIssue[];
  /** What was learnt about blockers, for later verdicts without another read. */
  facts: Map<number, BlockerFact | null>;
}

/** Facts that need no request: every issue in an open-issue listing is open. */
export function factsFromListing(listed: readonly Issue[]): Map<number, BlockerFact | null> {
  return new Map(listed.map((issue) => [issue.number, factOfOpenIssue(issue)]));
}

/**
 * Keep the issues whose dependencies are done (design §2). What GitHub counts on the issue and
 * blockers found in the listings already read cost nothing; the blockers left are read in one
 * request for all the issues given (design §9), and only when there are any. An issue whose
 * blockers still cannot be told (more than one read can ask about) waits: starting work whose
 * prerequisites may not be done is the mistake to avoid.
 */
export async function screenDependencies(
  issues: readonly Issue[],
  known: Map<number, BlockerFact | null>,
  source: IssueStateSource,
): Promise<DependencyScreen> {
  const facts = new Map(known);
  const unread = new Set<number>();
  for (const issue of issues) {
    const verdict = dependencyVerdict(issue, (number) => facts.get(number));
    if (verdict.kind === "unknown") for (const number of verdict.references) unread.add(number);
  }
  if (unread.size > 0) {
    for (const [number, fact] of await source.readIssueStates([...unread])) facts.set(number, fact);
  }
  const clear: Issue[] = [];
  const waiting: WaitingIssue[] = [];
  for (const issue of issues) {
    const verdict = dependencyVerdict(issue, (number) => facts.get(number));
    if (verdict.kind === "clear") clear.push(issue);
    else waiting.push({ issue, blockers: verdict.kind === "blocked" ? verdict.blockers : [] });
  }
  return { clear, waiting, facts };
}

/** Clear without any read: known to be free to start from what is already at hand. */
export function isSurelyClear(issue: Issue, known: Map<number, BlockerFact | null>): boolean {
  return dependencyVerdict(issue, (number) => known.get(number)).kind === "clear";
}
