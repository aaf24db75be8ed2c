/** setTimeout fires at once for delays above 2^31-1 ms (about 24.8 days), so long waits re-arm. */
const MAX_TIMER_MS = 2_147_483_647;

export interface Watch {
  stop(): void;
}

/**
 * Calls `onExpire` once, when the monotonic clock (`performance.now()`) passes `deadlineAt()`.
 * The deadline is read again whenever the timer fires, so a deadline that moves (the idle
 * timeout, pushed back by every line of output) costs one timer, not one per line.
 */
export function watchDeadline(deadlineAt: () => number, onExpire: () => void): Watch {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const arm = () => {
    const left = deadlineAt() - performance.now();
    if (left <= 0) {
      stopped = true;
      onExpire();
      return;
    }
    timer = setTimeout(check, Math.min(Math.ceil(left), MAX_TIMER_MS));
  };
  const check = () => {
    if (!stopped) arm();
  };
  timer = setTimeout(check, 0);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

export interface Heartbeat {
  /** No further beats; resolves once a beat in flight has finished. */
  stop(): Promise<void>;
}

/**
 * Calls `beat` every `intervalMs` (counted from the end of the previous beat, so a slow beat
 * never overlaps the next). Errors, thrown or rejected, go to `onError`.
 */
export function startHeartbeat(
  intervalMs: number,
  beat: () => Promise<void> | void,
  onError: (error: unknown) => void,
): Heartbeat {
  let stopped = false;
  let inFlight: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    inFlight = (async () => {
      try {
        await beat();
      } catch (error) {
        onError(error);
      }
    })();
    void inFlight.then(schedule);
  };
  const schedule = () => {
    if (!stopped) timer = setTimeout(tick, Math.min(intervalMs, MAX_TIMER_MS));
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
