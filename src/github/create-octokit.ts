import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import Bottleneck from "bottleneck";
import type { HttpAttempt } from "../domain/error-class.js";

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
  /** GitHub asks integrators to space out writes; a local test server does not need it. */
  writeSpacingMs?: number;
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
    request:
      options.fetch || options.onAttempt
        ? { fetch: observedFetch(options.fetch ?? globalThis.fetch, options.onAttempt) }
        : {},
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    retry: {
      retries: options.retries ?? 3,
      retryAfterBaseValue: options.retryBaseMs ?? 1000,
    },
    throttle: {
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.writeSpacingMs ?? 1000 }),
      // Writes that notify people (new PRs, comments) are spaced 3 s apart on GitHub's advice.
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.writeSpacingMs ?? 3000 }),
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

function observedFetch(
  fetch: typeof globalThis.fetch,
  onAttempt: ((attempt: HttpAttempt) => void) | undefined,
): typeof globalThis.fetch {
  if (!onAttempt) return fetch;
  return async (input, init) => {
    const method = (init?.method ?? "GET").toUpperCase();
    const path = new URL(typeof input === "string" || input instanceof URL ? input : input.url).pathname;
    try {
      const response = await fetch(input, init);
      onAttempt({
        method,
        path,
        status: response.status,
        retryAfter: response.headers.get("retry-after") ?? undefined,
        rateLimitRemaining: response.headers.get("x-ratelimit-remaining") ?? undefined,
      });
      return response;
    } catch (error) {
      onAttempt({ method, path, status: 0 });
      throw error;
    }
  };
}
