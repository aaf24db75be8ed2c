/**
 * Where a command's time went, for `--debug`'s last line (design §9): time with a GitHub request
 * in flight, time in git, and time spent waiting on purpose (write pacing, rate-limit back-off).
 * Requests overlap when made in parallel, so each kind counts the union of its intervals.
 */
export type TimeKind = "github" | "git" | "waiting";

export class TimeSpent {
  private readonly intervals: Record<TimeKind, Array<[number, number]>> = { github: [], git: [], waiting: [] };

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly startedAt = now(),
  ) {}

  /** An interval of `kind` that ended now and lasted `ms`. */
  record(kind: TimeKind, ms: number): void {
    const end = this.now();
    this.intervals[kind].push([end - ms, end]);
  }

  /** An interval of `kind` that starts now and will last `ms` (a wait about to begin). */
  recordAhead(kind: TimeKind, ms: number): void {
    const start = this.now();
    this.intervals[kind].push([start, start + ms]);
  }

  /** Time `kind` took, overlaps counted once, and how many intervals it had. */
  total(kind: TimeKind): { ms: number; count: number } {
    const sorted = [...this.intervals[kind]].sort((a, b) => a[0] - b[0]);
    let ms = 0;
    let reach = -Infinity;
    for (const [start, end] of sorted) {
      if (end <= reach) continue;
      ms += end - Math.max(start, reach);
      reach = end;
    }
    return { ms, count: sorted.length };
  }

  /** "time: 912 ms in all · GitHub 412 ms (14 requests) · git 230 ms (9 calls) · waiting 0 ms (0 waits)" */
  summary(): string {
    const github = this.total("github");
    const git = this.total("git");
    const waiting = this.total("waiting");
    const ms = (value: number) => `${Math.round(value)} ms`;
    return [
      `time: ${ms(this.now() - this.startedAt)} in all`,
      `GitHub ${ms(github.ms)} (${github.count} requests)`,
      `git ${ms(git.ms)} (${git.count} calls)`,
      `waiting ${ms(waiting.ms)} (${waiting.count} waits)`,
    ].join(" · ");
  }
}

/**
 * `target` with every method call timed into `record` (sync or async). For ports, whose calls
 * are the unit worth timing: one call may run several git commands.
 */
export function timeCalls<T extends object>(target: T, record: (ms: number, method: string) => void): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value: unknown = Reflect.get(object, key, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const started = performance.now();
        const done = () => record(performance.now() - started, String(key));
        const result: unknown = value.apply(object, args);
        if (result instanceof Promise) return result.finally(done);
        done();
        return result;
      };
    },
  });
}
