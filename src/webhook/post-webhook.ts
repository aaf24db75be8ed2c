import type { DeliveryProblemClass } from "../core/notify-port.js";
import { redactText, secretPartsOfUrl } from "../domain/redact-secrets.js";

/**
 * One JSON message POSTed to a webhook, tried again on what waiting can fix: no answer (network,
 * timeout), 429 (after its Retry-After) and 5xx, with exponential backoff, a few times at most.
 * Any other answer is final. The clock, the sleep and fetch are passed in; nothing here prints,
 * and no problem it reports carries the URL.
 */

export interface PostDeps {
  fetch: typeof globalThis.fetch;
  /** Resolves after `ms`, or early when `signal` aborts; never rejects. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  now(): Date;
}

export interface PostPolicy {
  /** Per try, answer and body included. */
  timeoutMs: number;
  maxTries: number;
  /** First wait between tries; doubles after each. */
  retryBaseMs: number;
  /** The longest wait, a Retry-After included. */
  maxDelayMs: number;
}

export const DEFAULT_POST_POLICY: PostPolicy = {
  timeoutMs: 5_000,
  maxTries: 4,
  retryBaseMs: 1_000,
  maxDelayMs: 30_000,
};

/** What a post itself can run into: every class but `internal` (a message never made, the loop's). */
export type ProblemClass = Exclude<DeliveryProblemClass, "internal">;

export interface PostOutcome {
  delivered: boolean;
  tries: number;
  /** The last answer's status; 0 when none came. */
  status: number;
  /** The last problem met (a delivery after retries keeps it, to say why it took long). */
  problem?: string;
  problemClass?: ProblemClass;
}

type Attempt =
  | { kind: "delivered"; status: number }
  | { kind: "retry"; status: number; problemClass: ProblemClass; problem: string; retryAfterMs?: number }
  | { kind: "final"; status: number; problemClass: ProblemClass; problem: string };

/** Deliver `body`, trying again per `policy`, until delivered, refused, out of tries or `stop` aborts. */
export async function postWebhook(
  url: string,
  body: string,
  deps: PostDeps,
  policy: PostPolicy,
  stop: AbortSignal,
): Promise<PostOutcome> {
  const secrets = secretPartsOfUrl(url);
  let last: Exclude<Attempt, { kind: "delivered" }> | undefined;
  for (let tries = 1; ; tries += 1) {
    if (stop.aborted) return endedAfter(tries - 1, last);
    const attempt = await postOnce(url, body, deps, policy.timeoutMs, stop);
    if (attempt.kind === "delivered")
      return { delivered: true, tries, status: attempt.status, ...(last ? problemOf(last, secrets) : {}) };
    last = attempt;
    if (stop.aborted) return endedAfter(tries, last);
    if (attempt.kind === "final" || tries >= policy.maxTries)
      return { delivered: false, tries, status: attempt.status, ...problemOf(attempt, secrets) };
    await deps.sleep(retryDelay(attempt, tries, policy), stop);
  }

  function endedAfter(tries: number, attempt: Attempt | undefined): PostOutcome {
    const before =
      attempt && attempt.kind !== "delivered" && attempt.problemClass !== "run-ended"
        ? `; last try: ${attempt.problem}`
        : "";
    return {
      delivered: false,
      tries,
      status: attempt?.status ?? 0,
      problemClass: "run-ended",
      problem: redactText(`the run ended before it was delivered${before}`, secrets),
    };
  }
}

/** The wait before try `tries + 1`: the server's Retry-After when it named one, else exponential. */
export function retryDelay(attempt: { retryAfterMs?: number }, tries: number, policy: PostPolicy): number {
  const wait = attempt.retryAfterMs ?? policy.retryBaseMs * 2 ** (tries - 1);
  return Math.min(policy.maxDelayMs, Math.max(0, wait));
}

/** Retry-After as seconds or as an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

function problemOf(attempt: Exclude<Attempt, { kind: "delivered" }>, secrets: string[]) {
  return { problemClass: attempt.problemClass, problem: redactText(attempt.problem, secrets) };
}

async function postOnce(
  url: string,
  body: string,
  deps: PostDeps,
  timeoutMs: number,
  stop: AbortSignal,
): Promise<Attempt> {
  const request = new AbortController();
  const timer = new AbortController();
  let timedOut = false;
  const abort = () => request.abort();
  stop.addEventListener("abort", abort, { once: true });
  // The timeout runs on the injected sleep, so tests decide when it fires.
  void deps.sleep(timeoutMs, timer.signal).then(() => {
    if (timer.signal.aborted) return;
    timedOut = true;
    request.abort();
  });
  try {
    const response = await deps.fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body,
      signal: request.signal,
    });
    // Read to the end (within the timeout), so the connection is free for the next message.
    const answer = (await response.text()).trim().slice(0, 200);
    const status = response.status;
    if (status >= 200 && status < 300) return { kind: "delivered", status };
    const said = `HTTP ${status}${answer ? ` ${JSON.stringify(answer)}` : ""}`;
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), deps.now());
      return { kind: "retry", status, problemClass: "rate-limit", problem: said, retryAfterMs };
    }
    if (status >= 500) return { kind: "retry", status, problemClass: "server-error", problem: said };
    return { kind: "final", status, problemClass: "rejected", problem: said };
  } catch (error) {
    if (timedOut)
      return { kind: "retry", status: 0, problemClass: "timeout", problem: `no answer within ${timeoutMs} ms` };
    if (stop.aborted) return { kind: "final", status: 0, problemClass: "run-ended", problem: "the run ended" };
    return { kind: "retry", status: 0, problemClass: "network", problem: networkProblem(error) };
  } finally {
    timer.abort();
    stop.removeEventListener("abort", abort);
  }
}

/** fetch's "fetch failed" says nothing; its cause (ECONNREFUSED, ENOTFOUND…) does. */
function networkProblem(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${message} (${code})` : cause ? `${message}: ${cause.message}` : message;
}
