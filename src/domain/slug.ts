const MAX_SLUG_LENGTH = 30;

/**
 * Branch slug (SPEC §4): lowercase ASCII words joined by `-`, accents folded, at most 30
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

export function branchNameFor(agentId: string, issueNumber: number, title: string): string {
  return `${agentId}/${issueNumber}-${slugify(title)}`;
}
