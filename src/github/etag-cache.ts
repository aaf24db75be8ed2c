import type { HttpCache } from "../core/store-port.js";
import type { SodaOctokit } from "./create-octokit.js";

/** Response headers worth replaying from the cache (pagination depends on `link`). */
const KEPT_HEADERS = ["link", "etag", "last-modified"] as const;

/**
 * Conditional requests (design §9): every GET carries the ETag of the answer we hold, and a 304
 * is answered from the cache. GitHub does not count a 304 against the rate limit, so polling an
 * unchanged resource is free. `scope` keeps answers seen with one token from serving another.
 */
export function installEtagCache(octokit: SodaOctokit, cache: HttpCache, scope: string): void {
  octokit.hook.wrap("request", async (request, options) => {
    if (options.method !== "GET") return request(options);
    const { url } = octokit.request.endpoint.parse(options);
    const key = `${scope} GET ${url}`;
    const cached = cache.getCachedResponse(key);
    if (cached?.etag) options.headers = { ...options.headers, "if-none-match": cached.etag };
    try {
      const response = await request(options);
      const etag = response.headers.etag;
      if (response.status === 200 && etag) {
        const headers: Record<string, string> = {};
        for (const name of KEPT_HEADERS) {
          const value = response.headers[name];
          if (typeof value === "string") headers[name] = value;
        }
        cache.putCachedResponse(key, { etag, status: 200, body: JSON.stringify(response.data), headers });
      }
      return response;
    } catch (error) {
      if ((error as { status?: unknown }).status === 304 && cached) {
        return { status: 200, url, headers: { ...cached.headers }, data: JSON.parse(cached.body) as unknown };
      }
      throw error;
    }
  });
}
