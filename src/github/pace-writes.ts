/**
 * Write pacing (design §9): GitHub's secondary limits allow about 80 content-creating requests a
 * minute and 500 an hour. A command makes a handful of writes, so spacing every write out (what the
 * throttling plugin does by default: 1 s apart, 3 s for ones that notify people) only makes people
 * wait. Instead a burst goes out at once; past it, writes are spaced to the per-minute rate; and the
 * process's writes of any minute and any hour are held under limits a little below GitHub's (a sliding
 * window: a write that would exceed one waits for the oldest to age out). Answers that still say
 * "secondary rate limit" are backed off by the throttling plugin as before.
 */
export interface PacingLimits {
  /** Writes in the last minute that may go out back to back. */
  burst: number;
  perMinute: number;
  perHour: number;
}

/** Below GitHub's documented 80 a minute and 500 an hour, leaving room for a person's own writes. */
export const WRITE_LIMITS: PacingLimits = { burst: 20, perMinute: 60, perHour: 450 };
/** Writes that notify people (pull requests, comments): GitHub asks for fewer of those. */
export const NOTIFYING_WRITE_LIMITS: PacingLimits = { burst: 5, perMinute: 20, perHour: 150 };

const MINUTE = 60_000;
const HOUR = 3_600_000;

export type Pacing = { kind: "window"; limits: PacingLimits } | { kind: "spacing"; ms: number };

/**
 * How long a write must wait at `now` given when the earlier ones went out (`sent`, oldest first,
 * at most an hour old). 0 means it may go now.
 */
export function pacingDelay(sent: readonly number[], now: number, pacing: Pacing): number {
  if (sent.length === 0) return 0;
  const last = sent[sent.length - 1] ?? now;
  if (pacing.kind === "spacing") return Math.max(0, last + pacing.ms - now);
  const { burst, perMinute, perHour } = pacing.limits;
  let delay = 0;
  const lastMinute = sent.filter((at) => at > now - MINUTE).length;
  // Past the burst, a sustained stream goes at the per-minute rate rather than in bursts and stalls.
  if (lastMinute >= burst && lastMinute < perMinute) delay = Math.max(delay, last + MINUTE / perMinute - now);
  // The write that must age out first is the one `limit` places from the end.
  if (lastMinute >= perMinute) delay = Math.max(delay, (sent[sent.length - perMinute] ?? now) + MINUTE - now);
  if (sent.length >= perHour) delay = Math.max(delay, (sent[sent.length - perHour] ?? now) + HOUR - now);
  return Math.max(0, delay);
}

export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: PacerClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** One process's writes of the last hour under one pacing; writes take turns in arrival order. */
export class WritePacer {
  private readonly sent: number[] = [];
  private turn: Promise<void> = Promise.resolve();

  constructor(
    private readonly pacing: Pacing,
    private readonly clock: PacerClock = systemClock,
    /** Told of each wait before it starts: how long, for which write, and the writes of the last minute. */
    private readonly onWait?: (ms: number, what: string, writesLastMinute: number) => void,
  ) {}

  /** Resolves when one more write (`what`, for the onWait report) may go out, and counts it as sent. */
  acquire(what = "a write"): Promise<void> {
    const mine = this.turn.then(() => this.take(what));
    this.turn = mine.catch(() => {});
    return mine;
  }

  private async take(what: string): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      while (this.sent.length > 0 && (this.sent[0] ?? now) <= now - HOUR) this.sent.shift();
      const delay = pacingDelay(this.sent, now, this.pacing);
      if (delay <= 0) break;
      this.onWait?.(delay, what, this.sent.filter((at) => at > now - MINUTE).length);
      await this.clock.sleep(delay);
    }
    this.sent.push(this.clock.now());
  }
}
