import type { RateLimitSnapshot } from "./types.js";

const WINDOW_MS = 60 * 60 * 1000;

interface Bucket {
  limit: number;
  remaining: number;
  resetAt: number;
}

/** GitHub's primary ("core") rate limit: a per-login budget that refills when its window ends. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly defaultLimit: number) {}

  /** Takes one request from the budget; false when it is exhausted. */
  consume(login: string): boolean {
    const bucket = this.bucket(login);
    if (bucket.remaining <= 0) return false;
    bucket.remaining -= 1;
    return true;
  }

  /** A 304 is free on GitHub, but we only know it is a 304 after handling the request. */
  refund(login: string): void {
    const bucket = this.bucket(login);
    bucket.remaining = Math.min(bucket.limit, bucket.remaining + 1);
  }

  set(login: string, state: { remaining?: number; resetAt?: Date }): void {
    const bucket = this.bucket(login);
    if (state.remaining !== undefined) bucket.remaining = Math.max(0, Math.min(bucket.limit, state.remaining));
    if (state.resetAt !== undefined) bucket.resetAt = state.resetAt.getTime();
  }

  snapshot(login: string): RateLimitSnapshot {
    const bucket = this.bucket(login);
    return {
      limit: bucket.limit,
      remaining: bucket.remaining,
      used: bucket.limit - bucket.remaining,
      resetAt: new Date(bucket.resetAt),
    };
  }

  /** Rounded up so a client that sleeps until the reset second never wakes before the refill. */
  headers(login: string): Record<string, string> {
    const { limit, remaining, used, resetAt } = this.snapshot(login);
    return {
      "x-ratelimit-limit": String(limit),
      "x-ratelimit-remaining": String(remaining),
      "x-ratelimit-used": String(used),
      "x-ratelimit-reset": String(Math.ceil(resetAt.getTime() / 1000)),
      "x-ratelimit-resource": "core",
    };
  }

  private bucket(login: string): Bucket {
    const key = login.toLowerCase();
    const now = Date.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { limit: this.defaultLimit, remaining: this.defaultLimit, resetAt: now + WINDOW_MS };
      this.buckets.set(key, bucket);
    } else if (bucket.resetAt <= now) {
      bucket.remaining = bucket.limit;
      bucket.resetAt = now + WINDOW_MS;
    }
    return bucket;
  }
}
