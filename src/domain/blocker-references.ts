/**
 * "Blocked by #12" and "depends on #12" lines in an issue body (design §2): the dependency
 * fallback that works on every server, also where GitHub's issue dependencies are missing.
 *
 * A reference counts when the line says so in words a person writes — "blocked by", "depends on",
 * "depends upon", "requires" is deliberately not one (too common in prose) — followed by one or more
 * `#N` or same-repository issue URLs, in any case, with or without a colon or list bullet. Fenced
 * code and quoted lines are skipped: an example or a quotation is not a dependency.
 */
const PHRASE = /\b(?:blocked\s+by|depends\s+(?:on|upon))\b\s*:?\s*(.*)$/i;
const NUMBER = /(?:^|[\s,(])#(\d+)\b/g;
const URL = /https?:\/\/[^\s/]+\/([\w.-]+)\/([\w.-]+)\/issues\/(\d+)\b/gi;

/**
 * Same-repository issue numbers the body says this issue waits for, in order, without duplicates.
 * Issue URLs count only when the repository is given (another repository's #12 is not ours).
 */
export function blockerReferencesIn(body: string, repository?: { owner: string; repo: string }): number[] {
  const found: number[] = [];
  let fenced = false;
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (fenced || /^\s*>/.test(line)) continue;
    const tail = PHRASE.exec(line)?.[1];
    if (tail === undefined) continue;
    // Only the list right after the phrase: "blocked by #3 and #4, see #9 for context" stops at "see".
    const list = tail.split(/\b(?:see|because|since|for|but)\b/i)[0] ?? "";
    for (const match of list.matchAll(NUMBER)) found.push(Number(match[1]));
    for (const match of list.matchAll(URL)) {
      const [, owner = "", repo = "", number = ""] = match;
      const same =
        repository !== undefined &&
        owner.toLowerCase() === repository.owner.toLowerCase() &&
        repo.toLowerCase() === repository.repo.toLowerCase();
      if (same) found.push(Number(number));
    }
  }
  return [...new Set(found)].filter((number) => number > 0);
}
