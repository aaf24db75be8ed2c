import { blockerReferencesIn } from "./blocker-references.js";
import type { Issue } from "./issue.js";
import { LABEL } from "./labels.js";

/**
 * Whether an issue must wait for others (design §2 "Dependencies"): an open issue it is blocked by
 * (GitHub's issue dependencies, or a "blocked by #N" line in its body) or an open sub-issue of its
 * own holds it back. Only open blockers count; an escalated blocker (route:human-only) is still open,
 * so its dependents keep waiting for a person to finish it.
 */

/** What is known about an issue named as a blocker: null when there is no such issue or pull request. */
export interface BlockerFact {
  number: number;
  open: boolean;
  isPullRequest: boolean;
  labels: string[];
}

export type Blocker =
  /** GitHub's dependencies say `count` open issues block it (the list is a separate read). */
  | { via: "github"; count: number }
  | { via: "body"; number: number; isPullRequest: boolean; humanOnly: boolean }
  | { via: "sub-issues"; count: number };

export type DependencyVerdict =
  | { kind: "clear" }
  | { kind: "blocked"; blockers: Blocker[] }
  /** The body names issues whose state was not read (yet): not clear, not known to be blocked. */
  | { kind: "unknown"; references: number[] };

export type BlockerLookup = (number: number) => BlockerFact | null | undefined;

export function dependencyVerdict(issue: Issue, lookup: BlockerLookup): DependencyVerdict {
  const blockers: Blocker[] = [];
  const openBlockers = issue.relations?.openBlockers ?? 0;
  if (openBlockers > 0) blockers.push({ via: "github", count: openBlockers });
  const openSubIssues = issue.relations?.openSubIssues ?? 0;
  if (openSubIssues > 0) blockers.push({ via: "sub-issues", count: openSubIssues });
  const unknown: number[] = [];
  for (const number of referencesOf(issue)) {
    const fact = lookup(number);
    if (fact === undefined) unknown.push(number);
    else if (fact?.open)
      blockers.push({
        via: "body",
        number,
        isPullRequest: fact.isPullRequest,
        humanOnly: fact.labels.includes(LABEL.humanOnly),
      });
  }
  if (blockers.length > 0) return { kind: "blocked", blockers };
  return unknown.length > 0 ? { kind: "unknown", references: unknown } : { kind: "clear" };
}

/** The issues an issue's body says it waits for, never itself. */
export function referencesOf(issue: Issue): number[] {
  return blockerReferencesIn(issue.body).filter((number) => number !== issue.number);
}

/** An issue read from the open issue listing is a fact about an open issue: no further read needed. */
export function factOfOpenIssue(issue: Issue): BlockerFact {
  return { number: issue.number, open: true, isPullRequest: issue.isPullRequest, labels: issue.labels };
}

/**
 * One thing an issue waits for, as people are told of it: a numbered issue or pull request, or a
 * count GitHub gave without the list (its open blockers, or the issue's own open sub-issues).
 */
export interface WaitReason {
  via: Blocker["via"];
  /** null for a count without the list. */
  number: number | null;
  count: number;
  isPullRequest: boolean;
  /** The blocker was escalated to people (route:human-only): its dependents wait for them. */
  humanOnly: boolean;
}

export function waitReasonOf(blocker: Blocker): WaitReason {
  return blocker.via === "body"
    ? {
        via: "body",
        number: blocker.number,
        count: 1,
        isPullRequest: blocker.isPullRequest,
        humanOnly: blocker.humanOnly,
      }
    : { via: blocker.via, number: null, count: blocker.count, isPullRequest: false, humanOnly: false };
}

/** "#12 (escalated to people: route:human-only), 2 open issues on GitHub", for messages, comments and `peek --explain`. */
export function describeWaits(waits: readonly WaitReason[]): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  return waits
    .map((wait) => {
      if (wait.number !== null) {
        const what = wait.isPullRequest ? "pull request " : "";
        return `${what}#${wait.number}${wait.humanOnly ? " (escalated to people: route:human-only)" : ""}`;
      }
      return wait.via === "sub-issues"
        ? `${plural(wait.count, "open sub-issue")} of its own`
        : `${plural(wait.count, "open issue")} on GitHub`;
    })
    .join(", ");
}

export function describeBlockers(blockers: readonly Blocker[]): string {
  return describeWaits(blockers.map(waitReasonOf));
}

/** "waits for #12, 2 open sub-issues of its own", or why it waits when its blockers could not be read. */
export function describeWait(blockers: readonly Blocker[]): string {
  return blockers.length === 0
    ? "names more blockers in its body than one read can check, so it waits"
    : `waits for ${describeBlockers(blockers)}`;
}
