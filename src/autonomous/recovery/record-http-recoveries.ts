import type { EventLog } from "../../core/store-port.js";
import { classifyHttpAttempt, type ErrorClass, type HttpAttempt } from "../../domain/error-class.js";

const STRATEGY: Partial<Record<ErrorClass, string>> = {
  "rate-limit": "wait-for-reset",
  "secondary-rate-limit": "wait-retry-after",
};

/**
 * Turns the HTTP tries the transport reports into recovery records: a request that failed
 * transiently and then succeeded is one recovery (class of its first failure, every try
 * counted, time from the first failure). One still failing when the loop gives up on it is
 * recorded by the loop's own recovery, not here.
 */
export function recordHttpRecoveries(
  log: Pick<EventLog, "recordRecovery">,
  now: () => number = () => Date.now(),
): (attempt: HttpAttempt) => void {
  const open = new Map<string, { errorClass: ErrorClass; since: number; tries: number }>();
  return (attempt) => {
    const key = `${attempt.method} ${attempt.path}`;
    const failure = classifyHttpAttempt(attempt);
    const episode = open.get(key);
    if (failure) {
      if (episode) episode.tries += 1;
      else open.set(key, { errorClass: failure, since: now(), tries: 1 });
      return;
    }
    if (!episode) return;
    open.delete(key);
    log.recordRecovery({
      issueNumber: issueIn(attempt.path),
      errorClass: episode.errorClass,
      strategy: STRATEGY[episode.errorClass] ?? "http-retry",
      tries: episode.tries + 1,
      outcome: attempt.status < 400 || attempt.status === 404 || attempt.status === 422 ? "recovered" : "gave-up",
      durationMs: now() - episode.since,
      detail: { request: key, finalStatus: attempt.status },
    });
  };
}

function issueIn(path: string): number | undefined {
  const match = /\/(?:issues|pulls|claims)\/(\d+)/.exec(path);
  return match?.[1] ? Number(match[1]) : undefined;
}
