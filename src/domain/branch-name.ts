import path from "node:path";

const MAX_SLUG_LENGTH = 30;

/** What a branch or worktree is named after. */
export interface NamedIssue {
  number: number;
  title: string;
}

/**
 * Branch slug (design §4): lowercase ASCII words joined by `-`, accents folded, at most 30
 * characters cut at a word boundary, never empty, no trailing dash.
 */
export function slugify(title: string): string {
  const words = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);

  let slug = "";
  for (const word of words) {
    const candidate = slug === "" ? word : `${slug}-${word}`;
    if (candidate.length > MAX_SLUG_LENGTH) {
      // A first word longer than the limit is cut rather than dropped, so the slug keeps meaning.
      if (slug === "") slug = word.slice(0, MAX_SLUG_LENGTH);
      break;
    }
    slug = candidate;
  }
  return slug === "" ? "issue" : slug;
}

/** `<agent>/<issue>-<slug>`: the branch an agent works on an issue in. */
export function branchFor(agentId: string, issue: NamedIssue): string {
  return `${branchPrefixFor(agentId, issue.number)}${slugify(issue.title)}`;
}

/** `<agent>/<issue>-`: what every branch of that agent for that issue starts with, whatever the title became. */
export function branchPrefixFor(agentId: string, issueNumber: number): string {
  return `${agentId}/${issueNumber}-`;
}

/** The issue an agent's branch is for, or undefined when the branch is not one of that agent's. */
export function issueNumberOfBranch(agentId: string, branch: string): number | undefined {
  if (!branch.startsWith(`${agentId}/`)) return undefined;
  const match = /^(\d+)-/.exec(branch.slice(agentId.length + 1));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** `<n>-<slug>` exactly as `branchFor` writes it: lowercase ASCII words joined by single dashes. */
const ISSUE_AND_SLUG = /^([1-9]\d*)-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/**
 * The issue of a branch exactly as `branchFor` names it — stricter than `issueNumberOfBranch`:
 * the review phase follows only pull requests from such branches, never another agent's, a
 * person's or a `-preserved-<id>` copy (whose slug is longer than slugify writes).
 */
export function issueOfWorkBranch(agentId: string, branch: string): number | undefined {
  const prefix = `${agentId}/`;
  if (!branch.startsWith(prefix)) return undefined;
  const [, number, slug] = ISSUE_AND_SLUG.exec(branch.slice(prefix.length)) ?? [];
  if (number === undefined || slug === undefined || slug.length > MAX_SLUG_LENGTH) return undefined;
  const issue = Number(number);
  return Number.isSafeInteger(issue) ? issue : undefined;
}

/** The agent and issue of a work branch of any agent (`agent<digits>/<issue>-<slug>`, exactly as `branchFor` names it). */
export function workBranchOwner(branch: string): { agentId: string; issueNumber: number } | undefined {
  const agentId = /^(agent\d+)\//.exec(branch)?.[1];
  if (agentId === undefined) return undefined;
  const issueNumber = issueOfWorkBranch(agentId, branch);
  return issueNumber === undefined ? undefined : { agentId, issueNumber };
}

/**
 * A review work item's worktree (the loop's rework, `pop --rework --worktree`): named like the
 * issue's (`<issue>-<slug>`), after the branch it works on, since the title may have changed.
 */
export function worktreePathOfBranch(stateDir: string, agentId: string, branch: string): string {
  return path.join(stateDir, "worktrees", branch.startsWith(`${agentId}/`) ? branch.slice(agentId.length + 1) : branch);
}

/** `<root>/.my-little-soda/worktrees/<issue>-<slug>`: where `pop --worktree` and the loop work on an issue. */
export function worktreePathFor(root: string, issue: NamedIssue): string {
  return path.join(root, ".my-little-soda", "worktrees", `${issue.number}-${slugify(issue.title)}`);
}
