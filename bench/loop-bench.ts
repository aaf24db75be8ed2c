import { readFileSync } from "node:fs";
import { createWorld, initialiseRepository } from "../test/support/e2e-world.js";
import { parseTimings } from "./parse-timings.js";
import { configureLoop, startCli } from "../test/support/loop-world.js";

export interface LoopCost {
  issues: number;
  done: number;
  totalMs: number;
  /** Time the agent ran (from its `run-agent` to its `check-evidence` line), summed over the issues. */
  agentMs: number;
  requests: number;
  /** Of those, the review watch's: the open pull requests listed, and each new one read (design §11). */
  reviewRequests: number;
  /** Of those, the trust gate's before each claim: the issue's events, its body's edit history (design §5). */
  trustRequests: number;
  /** The loop process's resident set size in KiB: once started, as issue 5 is claimed, as the last issue is done. */
  rss: { start?: number; issue5?: number; end?: number };
  /** RSS in KiB as each issue was finished, in order. */
  rssAfterEach: number[];
  /**
   * Time the loop spent waiting on purpose — write pacing (GitHub's secondary limits, design §9)
   * and rate-limit back-off — and how many waits, from its `--debug` time line.
   */
  waitingMs: number;
  waits: number;
}

/** GETs only the review watch makes: the list of open pull requests, and a pull request's review facts. */
const REVIEW_PATHS =
  /\/pulls\/\d+(\/(reviews|comments))?$|\/issues\/\d+\/comments$|\/commits\/[^/]+\/(check-runs|status)$|\/branches\/|\/collaborators\//;

function isReviewWatchRequest(
  entry: { method: string; path: string; query: Record<string, string> },
  pulls: ReadonlySet<number>,
): boolean {
  if (entry.method !== "GET") return false;
  // An issue's events are read by the trust gate before its claim (the issue's own work); a pull
  // request's by the review watch (who put route:ready_to_merge on).
  const events = /\/issues\/(\d+)\/events$/.exec(entry.path);
  if (events) return pulls.has(Number(events[1]));
  return (entry.path.endsWith("/pulls") && entry.query.sort === "updated") || REVIEW_PATHS.test(entry.path);
}

function pullNumbers(world: { repo: { pulls(): Array<{ number: number }> } }): ReadonlySet<number> {
  return new Set(world.repo.pulls().map((pull) => pull.number));
}

/** The trust gate reads an issue's events (not a pull request's) and its body's edits (GraphQL). */
function isTrustGateRequest(entry: { method: string; path: string }, pulls: ReadonlySet<number>): boolean {
  if (entry.method === "POST" && entry.path === "/graphql") return true;
  const events = /\/issues\/(\d+)\/events$/.exec(entry.path);
  return entry.method === "GET" && events !== null && !pulls.has(Number(events[1]));
}

/** VmRSS of a running process in KiB, from /proc (Linux only; undefined elsewhere or once it exited). */
function rssOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `spawn --autonomous --until-empty` over `issues` ready issues with an agent that commits one
 * file and exits, and no verify command: what remains of the wall time is the loop's own work.
 * Progress lines ("<ISO time> #N [from] → state") tell the issue boundaries and the agent's run time.
 */
export async function measureLoop(issues: number, memoryFrom = 5): Promise<LoopCost> {
  const world = await createWorld({ http: "production" });
  try {
    await initialiseRepository(world);
    world.repo.addIssues(issues, { labels: ["route:ready"] });
    const numbers = world.repo.issues().map((issue) => issue.number);
    const first = numbers[0] ?? 1;
    const last = numbers[numbers.length - 1] ?? issues;
    await configureLoop(world);

    const requestsBefore = world.server.requests.length;
    const rss: LoopCost["rss"] = {};
    const rssAfterEach: number[] = [];
    const agentStarted = new Map<number, number>();
    let agentMs = 0;
    let done = 0;
    const started = performance.now();
    // --debug for its last line (where the time went); its request lines go to stderr, unread.
    const running = startCli(world, ["--debug", "spawn", "--autonomous", "--until-empty"]);
    const pid = running.child.pid;
    let pending = "";
    const onLine = (line: string): void => {
      // "#N → state" or "#N from → state" for a transition, "#N done: …" when an issue is finished.
      const event = /^(\S+) (?:loop started|#(\d+) (?:(?:[a-z-]+ )?→ ([a-z-]+)|(done|escalated|abandoned)\b))/.exec(
        line,
      );
      if (!event) return;
      const at = Date.parse(event[1] ?? "");
      const issue = Number(event[2]);
      const state = event[3];
      if (event[2] === undefined) rss.start ??= rssOf(pid);
      else if (state === "claim" && issue === first + memoryFrom - 1) rss.issue5 ??= rssOf(pid);
      else if (state === "run-agent" && !agentStarted.has(issue)) agentStarted.set(issue, at);
      else if (state === "check-evidence" && agentStarted.has(issue)) {
        agentMs += at - (agentStarted.get(issue) ?? at);
        agentStarted.delete(issue);
      } else if (event[4] !== undefined) {
        if (event[4] === "done") done++;
        const now = rssOf(pid);
        if (now !== undefined) rssAfterEach.push(now);
        if (issue === last) rss.end = now;
      }
    };
    running.child.stdout?.on("data", (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) onLine(line);
    });
    const outcome = await running.done;
    const totalMs = performance.now() - started;
    if (outcome.code !== 0)
      throw new Error(
        `the loop exited ${outcome.code}:\n${outcome.stderr.slice(-4000)}\n${outcome.stdout.slice(-2000)}`,
      );
    const timings = parseTimings(outcome.stderr);
    return {
      issues,
      done,
      totalMs,
      agentMs,
      requests: world.server.requests.length - requestsBefore,
      reviewRequests: world.server.requests
        .slice(requestsBefore)
        .filter((entry) => isReviewWatchRequest(entry, pullNumbers(world))).length,
      trustRequests: world.server.requests
        .slice(requestsBefore)
        .filter((entry) => isTrustGateRequest(entry, pullNumbers(world))).length,
      rss,
      rssAfterEach,
      waitingMs: timings?.waitingMs ?? Number.NaN,
      waits: timings?.paceWaits ?? 0,
    };
  } finally {
    await world.close();
  }
}
