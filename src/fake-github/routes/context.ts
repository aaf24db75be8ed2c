import { paginate } from "../pagination.js";
import type { RateLimiter } from "../rate-limit.js";
import type { RepoState } from "../state.js";
import type { PermissionLevel } from "../types.js";
import type { World } from "../world.js";

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteContext {
  world: World;
  limits: RateLimiter;
  login: string;
  method: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  /** The request URL on the server's own origin, as the client spelled the path (for Link headers). */
  url: URL;
}

export interface RepoContext extends RouteContext {
  repo: RepoState;
  permission: PermissionLevel;
}

/** What a route reached without a token gets: pre-signed download links need nothing else. */
export interface PublicContext {
  world: World;
  method: string;
  params: Record<string, string>;
  query: Record<string, string>;
  url: URL;
}

type Handler<C> = (ctx: C) => Reply | Promise<Reply>;

/**
 * `:name` matches one path segment, `*name` the rest of the path (refs contain slashes, which
 * Octokit may or may not percent-encode). Repo routes are relative to /repos/:owner/:repo.
 */
export type RouteDef =
  | { scope: "global"; method: string; pattern: string; handler: Handler<RouteContext> }
  | {
      scope: "repo";
      method: string;
      pattern: string;
      handler: Handler<RepoContext>;
      /** A write people with read access may make too (on what they wrote): the handler checks. */
      openToReaders?: boolean;
    }
  | { scope: "public"; method: string; pattern: string; handler: Handler<PublicContext> };

export const globalRoute = (method: string, pattern: string, handler: Handler<RouteContext>): RouteDef => ({
  scope: "global",
  method,
  pattern,
  handler,
});

export const repoRoute = (method: string, pattern: string, handler: Handler<RepoContext>): RouteDef => ({
  scope: "repo",
  method,
  pattern: `/repos/:owner/:repo${pattern}`,
  handler,
});

/** A repo route a reader may write through, like editing an issue they opened. */
export const readerRoute = (method: string, pattern: string, handler: Handler<RepoContext>): RouteDef => ({
  ...(repoRoute(method, pattern, handler) as Extract<RouteDef, { scope: "repo" }>),
  openToReaders: true,
});

/** Neither authenticated nor rate-limited, like the storage host GitHub redirects downloads to. */
export const publicRoute = (method: string, pattern: string, handler: Handler<PublicContext>): RouteDef => ({
  scope: "public",
  method,
  pattern,
  handler,
});

export const json = (status: number, body?: unknown, headers?: Record<string, string>): Reply =>
  headers ? { status, body, headers } : { status, body };

/** Paginates, then renders only the page: rendering 10,000 issues per request would be the slow part. */
export function listReply<T>(ctx: RouteContext, items: readonly T[], render: (item: T) => unknown): Reply {
  const page = paginate(items, ctx.url);
  return json(200, page.items.map(render), page.link === undefined ? undefined : { link: page.link });
}

/** Lists GitHub wraps in an object, such as `{total_count, check_runs}`: paginated the same way. */
export function envelopeReply<T>(
  ctx: RouteContext,
  key: string,
  items: readonly T[],
  render: (item: T) => unknown,
): Reply {
  const page = paginate(items, ctx.url);
  const body = { total_count: items.length, [key]: page.items.map(render) };
  return json(200, body, page.link === undefined ? undefined : { link: page.link });
}
