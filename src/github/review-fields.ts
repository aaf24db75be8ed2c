/** Small helpers for mapping GitHub's review-phase payloads at the edge. */

/** `value` when GitHub sent one of the values we know, else `fallback` (a new value GitHub added). */
export function oneOf<const T extends string>(value: string, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** GitHub's own message from an error's body, else the error's message. */
export function messageOf(error: unknown): string {
  const data = (error as { response?: { data?: { message?: unknown } } }).response?.data;
  return typeof data?.message === "string" ? data.message : error instanceof Error ? error.message : String(error);
}

/** The owner and name every call takes. */
export function repoOf(ctx: { owner: string; repo: string }): { owner: string; repo: string } {
  return { owner: ctx.owner, repo: ctx.repo };
}
