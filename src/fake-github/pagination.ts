// GitHub's page/per_page pagination and its Link header. The header repeats the request's own
// query with only `page` changed and uses absolute URLs, so a client can follow it verbatim.

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

export interface Page<T> {
  items: T[];
  link: string | undefined;
}

function positiveInt(value: string | null, fallback: number): number {
  if (value === null) return fallback;
  const parsed = Number.parseInt(value, 10);
  return Number.isFinite(parsed) && parsed >= 1 ? parsed : fallback;
}

/** `requestUrl` must carry the server's own origin; its path is kept as the client sent it. */
export function paginate<T>(all: readonly T[], requestUrl: URL): Page<T> {
  const perPage = Math.min(positiveInt(requestUrl.searchParams.get("per_page"), DEFAULT_PER_PAGE), MAX_PER_PAGE);
  const page = positiveInt(requestUrl.searchParams.get("page"), 1);
  const lastPage = Math.max(1, Math.ceil(all.length / perPage));
  const start = (page - 1) * perPage;
  const items = all.slice(start, start + perPage);
  if (lastPage === 1 && page === 1) return { items, link: undefined };

  const urlFor = (target: number): string => {
    const url = new URL(requestUrl.href);
    url.searchParams.set("page", String(target));
    return url.href;
  };
  // GitHub's order: prev, next, last, first.
  const parts: string[] = [];
  if (page > 1) parts.push(`<${urlFor(Math.min(page - 1, lastPage))}>; rel="prev"`);
  if (page < lastPage) {
    parts.push(`<${urlFor(page + 1)}>; rel="next"`);
    parts.push(`<${urlFor(lastPage)}>; rel="last"`);
  }
  if (page > 1) parts.push(`<${urlFor(1)}>; rel="first"`);
  return { items, link: parts.join(", ") };
}
