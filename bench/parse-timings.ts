/** The figures of `--debug`'s last line ("debug: time: 912 ms in all · GitHub 412 ms (14 requests) · …"). */
export interface Timings {
  totalMs: number;
  githubMs: number;
  gitMs: number;
  waitingMs: number;
  /** Pacing and rate-limit waits. */
  paceWaits: number;
  /** For a loop run: the agent's time, read from its progress lines (0 for other commands). */
  agentMs: number;
}

const TIME_LINE =
  /debug: time: (\d+) ms in all · GitHub (\d+) ms \(\d+ requests\) · git (\d+) ms \(\d+ calls\) · waiting (\d+) ms \((\d+) waits\)/;

/** The timing line of a CLI run's stderr, or undefined when there is none; `stdout` for the agent's time. */
export function parseTimings(stderr: string, stdout = ""): Timings | undefined {
  const match = TIME_LINE.exec(stderr);
  if (!match) return undefined;
  const [, total, github, git, waiting, waits] = match.map(Number);
  return {
    totalMs: total ?? 0,
    githubMs: github ?? 0,
    gitMs: git ?? 0,
    waitingMs: waiting ?? 0,
    paceWaits: waits ?? 0,
    agentMs: agentTime(stdout),
  };
}

/** From "<ISO time> #N … → run-agent" to the next "→ check-evidence" of the same issue, summed. */
function agentTime(stdout: string): number {
  const started = new Map<string, number>();
  let ms = 0;
  for (const line of stdout.split("\n")) {
    const event = /^(\S+) #(\d+) (?:[a-z-]+ )?→ ([a-z-]+)/.exec(line);
    if (!event) continue;
    const [, at, issue = "", state] = event;
    if (state === "run-agent" && !started.has(issue)) started.set(issue, Date.parse(at ?? ""));
    else if (state === "check-evidence" && started.has(issue)) {
      ms += Date.parse(at ?? "") - (started.get(issue) ?? 0);
      started.delete(issue);
    }
  }
  return ms;
}
