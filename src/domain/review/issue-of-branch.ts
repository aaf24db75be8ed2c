/** `<n>-<slug>` as `branchNameFor` writes it: a slug is lowercase ASCII words joined by single dashes. */
const ISSUE_AND_SLUG = /^([1-9]\d*)-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
/** slugify's own bound: a longer slug was not written by us (a `-preserved-<id>` copy, say). */
const MAX_SLUG_LENGTH = 30;

/**
 * The issue an agent's branch works on, from its name `<agentId>/<issue>-<slug>` (SPEC §4).
 * Undefined for any other branch, other agents' included: their pull requests are theirs to follow.
 */
export function issueOfBranch(branch: string, agentId: string): number | undefined {
  const prefix = `${agentId}/`;
  if (!branch.startsWith(prefix)) return undefined;
  const [, number, slug] = ISSUE_AND_SLUG.exec(branch.slice(prefix.length)) ?? [];
  if (number === undefined || slug === undefined || slug.length > MAX_SLUG_LENGTH) return undefined;
  const issue = Number(number);
  return Number.isSafeInteger(issue) ? issue : undefined;
}
