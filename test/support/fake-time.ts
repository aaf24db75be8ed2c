/**
 * A clock and an abortable sleep that only move when the test says so: `settle(promise)` lets the
 * code run, and whenever it is only waiting on a sleep, jumps the clock to the earliest one.
 * `fired` lists, in order, the sleeps that ran their course (aborted ones are not there).
 */
export class FakeTime {
  private ms = 0;
  private timers: Array<{ at: number; length: number; resolve: () => void }> = [];
  readonly fired: number[] = [];

  readonly now = (): Date => new Date(this.ms);

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = { at: this.ms + ms, length: ms, resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        "abort",
        () => {
          this.timers = this.timers.filter((entry) => entry !== timer);
          resolve();
        },
        { once: true },
      );
    });

  elapsed(): number {
    return this.ms;
  }

  /** Run until `promise` settles, moving the clock from sleep to sleep; fails past `limitMs`. */
  async settle<T>(promise: Promise<T>, limitMs = 10 * 60_000): Promise<T> {
    let done = false;
    const watched = promise.finally(() => {
      done = true;
    });
    for (;;) {
      await idle();
      if (done) return watched;
      const next = [...this.timers].sort((a, b) => a.at - b.at)[0];
      if (!next) throw new Error("stuck: nothing to wait for and the promise has not settled");
      if (next.at > limitMs) throw new Error(`still not settled at ${limitMs} ms`);
      this.timers = this.timers.filter((entry) => entry !== next);
      this.ms = Math.max(this.ms, next.at);
      this.fired.push(next.length);
      next.resolve();
    }
  }
}

/** Let every pending promise callback and I/O callback run. */
async function idle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}
