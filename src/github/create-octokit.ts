import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import Bottleneck from "bottleneck";
import type { HttpAttempt } from "../domain/error-class.js";
import { graphqlQueryOf, isGraphqlQuery } from "./graphql-read.js";
import {
  NOTIFYING_WRITE_LIMITS,
  WRITE_LIMITS,
  WritePacer,
  systemClock,
  type PacerClock,
  type PacingLimits,
} from "./pace-writes.js";

export const SodaOctokit = Octokit.plugin(retry, throttling);
export type SodaOctokit = InstanceType<typeof SodaOctokit>;

export interface HttpLogEntry {
  method: string;
  url: string;
  status: number;
  durationMs: number;
}

export interface CreateOctokitOptions {
  token: string;
  baseUrl: string;
  userAgent: string;
  /** Longest wait we accept for a rate limit to reset before giving up (seconds). */
  maxRateLimitWaitSeconds?: number;
  /**
   * Instead of the default pacing (./pace-writes.ts), writes at least this many milliseconds apart;
   * 0 turns pacing off (tests against a local server).
   */
  writeSpacingMs?: number;
  /** The pacing's clock; tests inject one to see waits without sleeping. */
  clock?: PacerClock;
  /** Told of each pacing wait before it starts (design §9: a command should see none). */
  onPaceWait?: (wait: PaceWait) => void;
  /** Base of the retry plugin's quadratic backoff for 5xx and network errors. */
  retryBaseMs?: number;
  retries?: number;
  fetch?: typeof globalThis.fetch;
  /** Called after every request (never sees headers, so never the token). */
  onRequest?: (entry: HttpLogEntry) => void;
  onRateLimitWait?: (kind: "primary" | "secondary", retryAfterSeconds: number) => void;
  /**
   * Every HTTP try, retries included (the retry and throttling plugins sit above the transport,
   * so this is the only place a burst they absorbed can be seen). Never sees the token.
   */
  onAttempt?: (attempt: HttpAttempt) => void;
  /** How long each HTTP try had a request in flight, in milliseconds (for `--debug`'s time line). */
  onTryTime?: (ms: number) => void;
}

/** The one place an Octokit is built (DEVELOPERS.md): base URL, plugins, user agent. */
export function createOctokit(options: CreateOctokitOptions): SodaOctokit {
  const maxWait = options.maxRateLimitWaitSeconds ?? 60;
  const shouldRetry = (kind: "primary" | "secondary", retryAfter: number, retryCount: number): boolean => {
    if (retryAfter > maxWait || retryCount >= 2) return false;
    options.onRateLimitWait?.(kind, retryAfter);
    return true;
  };

  const octokit = new SodaOctokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    userAgent: options.userAgent,
    request: { fetch: pacedFetch(observedFetch(options.fetch ?? globalThis.fetch, options), options) },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    retry: {
      retries: options.retries ?? 3,
      retryAfterBaseValue: options.retryBaseMs ?? 1000,
    },
    throttle: {
      // GitHub asks for writes in series; two at once is the most we send (bottle's two independent
      // label writes). How far apart is the pacer's business (pacedFetch).
      write: new Bottleneck.Group({ maxConcurrent: 2, minTime: 0 }),
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
      retryAfterBaseValue: 1000,
      onRateLimit: (retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number) =>
        shouldRetry("primary", retryAfter, retryCount),
      onSecondaryRateLimit: (retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number) =>
        shouldRetry("secondary", retryAfter, retryCount),
    },
  });

  if (options.onRequest) {
    const report = options.onRequest;
    octokit.hook.wrap("request", async (request, endpoint) => {
      const started = Date.now();
      const entry = (status: number): HttpLogEntry => ({
        method: endpoint.method,
        url: endpoint.url,
        status,
        durationMs: Date.now() - started,
      });
      try {
        const response = await request(endpoint);
        report(entry(response.status));
        return response;
      } catch (error) {
        report(
          entry(typeof (error as { status?: unknown }).status === "number" ? (error as { status: number }).status : 0),
        );
        throw error;
      }
    });
  }
  return octokit;
}

export interface PaceWait {
  ms: number;
  /** "POST /repos/acme/widgets/pulls" */
  what: string;
  /** Writes of this kind already sent in the last minute. */
  writesLastMinute: number;
  notifying: boolean;
}

/**
 * Every write try waits for the pacer first (retries too: GitHub counts them). Done at the
 * transport, below the retry and throttling plugins, so nothing depends on their internals.
 */
function pacedFetch(
  fetch: typeof globalThis.fetch,
  options: Pick<CreateOctokitOptions, "writeSpacingMs" | "clock" | "onPaceWait" | "baseUrl">,
): typeof globalThis.fetch {
  const pacer = (limits: PacingLimits, notifying: boolean) =>
    new WritePacer(
      options.writeSpacingMs === undefined
        ? { kind: "window", limits }
        : { kind: "spacing", ms: options.writeSpacingMs },
      options.clock ?? systemClock,
      (ms, what, writesLastMinute) => options.onPaceWait?.({ ms, what, writesLastMinute, notifying }),
    );
  const writes = pacer(WRITE_LIMITS, false);
  const notifyingWrites = pacer(NOTIFYING_WRITE_LIMITS, true);
  // The plugin's list of notifying routes starts at /repos/…; a GHES base URL has /api/v3 before it.
  const basePath = new URL(options.baseUrl).pathname.replace(/\/+$/, "");
  return async (input, init) => {
    const method = (init?.method ?? "GET").toUpperCase();
    const { pathname } = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    if (method !== "GET" && method !== "HEAD" && !isGraphqlQuery(method, pathname, graphqlQueryOf(init?.body))) {
      const route = pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
      await writes.acquire(`${method} ${pathname}`);
      if (throttling.triggersNotification(route)) await notifyingWrites.acquire(`${method} ${pathname}`);
    }
    return fetch(input, init);
  };
}

function observedFetch(
  fetch: typeof globalThis.fetch,
  { onAttempt, onTryTime }: Pick<CreateOctokitOptions, "onAttempt" | "onTryTime">,
): typeof globalThis.fetch {
  if (!onAttempt && !onTryTime) return fetch;
  return async (input, init) => {
    const method = (init?.method ?? "GET").toUpperCase();
    const path = new URL(typeof input === "string" || input instanceof URL ? input : input.url).pathname;
    const started = performance.now();
    try {
      const response = await fetch(input, init);
      onTryTime?.(performance.now() - started);
      onAttempt?.({
        method,
        path,
        status: response.status,
        retryAfter: response.headers.get("retry-after") ?? undefined,
        rateLimitRemaining: response.headers.get("x-ratelimit-remaining") ?? undefined,
      });
      return response;
    } catch (error) {
      onTryTime?.(performance.now() - started);
      onAttempt?.({ method, path, status: 0 });
      throw error;
    }
  };
}
