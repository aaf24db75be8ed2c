import type { CommandCosts, CommandName } from "./command-bench.js";
import type { Concurrency } from "./concurrency-bench.js";
import type { LoopCost } from "./loop-bench.js";
import type { IdlePolls, QueueRow } from "./queue-bench.js";
import type { Startup } from "./startup-bench.js";
import { mark, mebibytes, millis, seconds } from "./bench-util.js";

export interface BenchResults {
  date: Date;
  machine: string;
  queue: QueueRow[];
  idle: IdlePolls;
  startup: Startup;
  /** pop, bottle, status, one loop iteration: without and with latency added to every request. */
  commands: { fast: CommandCosts; slow: CommandCosts };
  loop: LoopCost;
  concurrency: Concurrency;
  /** Design §3 "Contention": more pops at once than the first candidates, on more ready issues. */
  contention: Concurrency;
}

interface Target {
  what: string;
  measured: string;
  ok: boolean;
}

const count = (n: number) => n.toLocaleString("en-US");
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

/**
 * Requests one after another on a command's critical path: what the added latency cost it, in
 * units of that latency. A fraction above a whole number is timer slack in the fake server, not
 * a partial request, so the count is that rounded (both are shown).
 */
export function roundTrips(commands: BenchResults["commands"], name: CommandName): { exact: number; count: number } {
  const exact = (commands.slow.commands[name].ms - commands.fast.commands[name].ms) / commands.slow.latencyMs;
  return { exact, count: Math.round(exact) };
}

/** The design §9 / issue 6 targets, each with what was measured and whether it holds. */
export function targets(results: BenchResults): Target[] {
  const { queue, idle, startup, loop, commands, contention } = results;
  const fast = commands.fast.commands;
  const contentionBound = 1.5 * contention.processes * contention.singleRequests;
  const pop = roundTrips(commands, "pop");
  const bottle = roundTrips(commands, "bottle");
  const small = queue.filter((row) => row.size <= 100);
  const at = (size: number) => queue.find((row) => row.size === size);
  const [big2k, big10k] = [at(2_000), at(10_000)];
  const maxOf = (rows: QueueRow[], key: "peek" | "pop") => Math.max(...rows.map((row) => row[key].requests));
  const reviewPerIssue = loop.reviewRequests / loop.issues;
  const trustPerIssue = loop.trustRequests / loop.issues;
  const requestsPerIssue = loop.requests / loop.issues - reviewPerIssue - trustPerIssue;
  const { issue5, end } = loop.rss;
  const growth = issue5 !== undefined && end !== undefined ? (end - issue5) / issue5 : undefined;
  return [
    {
      what: "`peek` ≤ 7 requests at every size",
      measured: `max ${maxOf(queue, "peek")}`,
      ok: maxOf(queue, "peek") <= 7,
    },
    {
      what: "`pop` ≤ 12 requests at every size",
      measured: `max ${maxOf(queue, "pop")}`,
      ok: maxOf(queue, "pop") <= 12,
    },
    {
      what: "`peek` ≤ 3 and `pop` ≤ 8 requests up to 100 ready",
      measured: `${maxOf(small, "peek")} / ${maxOf(small, "pop")}`,
      ok: maxOf(small, "peek") <= 3 && maxOf(small, "pop") <= 8,
    },
    {
      what: "same requests at 2,000 and 10,000 ready",
      measured:
        big2k && big10k
          ? `peek ${big2k.peek.requests} / ${big10k.peek.requests}, pop ${big2k.pop.requests} / ${big10k.pop.requests}`
          : "not measured",
      ok:
        !!big2k &&
        !!big10k &&
        big2k.peek.requests === big10k.peek.requests &&
        big2k.pop.requests === big10k.pop.requests,
    },
    {
      what: `${idle.polls} idle \`status\` polls after the first cost 0 rate-limit points`,
      measured: `${idle.points} points`,
      ok: idle.points === 0,
    },
    {
      what: "`--version` ≤ 1.3× `node -e 0`",
      measured: `${ratio(startup.version, startup.node)} (${millis(startup.version)} vs ${millis(startup.node)})`,
      ok: startup.version <= 1.3 * startup.node,
    },
    {
      what: "`--help` ≤ 1.5× `node -e 0`",
      measured: `${ratio(startup.help, startup.node)} (${millis(startup.help)} vs ${millis(startup.node)})`,
      ok: startup.help <= 1.5 * startup.node,
    },
    {
      what: "loop overhead ≤ 15 requests per issue (the issue's own work)",
      measured: requestsPerIssue.toFixed(1),
      ok: requestsPerIssue <= 15,
    },
    {
      what: "trust gate ≤ 2 requests per issue (the issue's events, its body's edits)",
      measured: trustPerIssue.toFixed(1),
      ok: trustPerIssue <= 2,
    },
    {
      // One listing per poll, and one full read of each pull request the loop just delivered.
      what: "review watch ≤ 8 requests per issue",
      measured: reviewPerIssue.toFixed(1),
      ok: reviewPerIssue <= 8,
    },
    {
      what: `${contention.processes} concurrent \`pop\`s on ${contention.issues} ready issues claim ${contention.processes} different issues`,
      measured: `${contention.distinct} different of ${contention.claimed} claimed; ${contention.empty} exit 6, ${contention.lostEveryRace} exit 4`,
      ok: contention.claimed === contention.processes && contention.distinct === contention.claimed,
    },
    {
      what: `… in ≤ 1.5 × ${contention.processes} × one \`pop\`'s requests`,
      measured: `${contention.concurrentRequests} ≤ ${contentionBound} (one: ${contention.singleRequests})`,
      ok: contention.concurrentRequests <= contentionBound,
    },
    {
      what: "`pop` ≤ 8× `--version` (0 ms added latency)",
      measured: `${ratio(fast.pop.ms, startup.version)} (${millis(fast.pop.ms)})`,
      ok: fast.pop.ms <= 8 * startup.version,
    },
    {
      what: "`bottle` ≤ 12× `--version` (0 ms added latency)",
      measured: `${ratio(fast.bottle.ms, startup.version)} (${millis(fast.bottle.ms)})`,
      ok: fast.bottle.ms <= 12 * startup.version,
    },
    {
      what: `\`pop\` ≤ 4 round trips on the critical path (at ${commands.slow.latencyMs} ms per request)`,
      measured: `${pop.count} (${pop.exact.toFixed(2)})`,
      ok: pop.count <= 4,
    },
    {
      what: `\`bottle\` ≤ 6 round trips on the critical path (at ${commands.slow.latencyMs} ms per request)`,
      measured: `${bottle.count} (${bottle.exact.toFixed(2)})`,
      ok: bottle.count <= 6,
    },
    {
      what: "no pacing wait in `pop`, `bottle`, `status` or a loop iteration",
      measured: `${Math.max(...Object.values(fast).map((run) => run.timings.paceWaits))} waits`,
      ok: Object.values(fast).every((run) => run.timings.paceWaits === 0),
    },
    {
      what: "loop overhead ≤ 1.5 s per issue (one iteration, agent excluded)",
      measured: seconds(fast.loop.ms),
      ok: fast.loop.ms <= 1500,
    },
    {
      what: `loop memory grows less than 10 % from issue 5 to issue ${loop.issues}`,
      measured:
        growth === undefined
          ? "not measured (needs /proc)"
          : `${mebibytes(issue5 ?? 0)} → ${mebibytes(end ?? 0)} (${growth >= 0 ? "+" : ""}${(growth * 100).toFixed(1)} %)`,
      // A leak shows as growth; a loop that waits (pacing) may well shrink as the GC catches up.
      ok: growth !== undefined && growth <= 0.1,
    },
  ];
}

function commandRows(results: BenchResults): string[] {
  const { fast, slow } = results.commands;
  const names: CommandName[] = ["pop", "bottle", "status", "loop"];
  const label = (name: CommandName) => (name === "loop" ? "one loop iteration (`spawn --once`)" : `\`${name}\``);
  return names.map((name) => {
    const f = fast.commands[name];
    const t = f.timings;
    const other = Math.max(0, f.ms - t.githubMs - t.gitMs - t.waitingMs);
    const trips = roundTrips(results.commands, name);
    return `| ${label(name)} | ${millis(f.ms)} | ${millis(t.githubMs)} | ${millis(t.gitMs)} | ${millis(t.waitingMs)} (${t.paceWaits}) | ${millis(other)} | ${f.requests} | ${millis(slow.commands[name].ms)} | ${trips.count} (${trips.exact.toFixed(2)}) |`;
  });
}

function concurrencyRow(run: Concurrency): string {
  return `| ${run.processes} concurrent \`pop\`s on ${run.issues} ready issues vs one \`pop\` | ${seconds(run.concurrentMs)} vs ${seconds(run.singleMs)} (${ratio(run.concurrentMs, run.singleMs)}); ${run.claimed} claimed (${run.distinct} different), ${run.empty} exit 6 (queue empty), ${run.lostEveryRace} exit 4 (lost every race); ${run.concurrentRequests} requests in all (${run.singleRequests} for one) |`;
}

export function renderMarkdown(results: BenchResults): string {
  const { queue, idle, startup, loop, concurrency, contention, commands } = results;
  const lines = [
    `## ${results.date.toISOString().replace(/\.\d+Z$/, "Z")}`,
    "",
    `Machine: ${results.machine}.`,
    "",
    `What a user waits for (median of ${commands.fast.runs} run(s), each command in a fresh repository with 10 ready issues). Wall time split from the process's \`--debug\` time line: with a GitHub request in flight, in git, waiting on purpose (pacing or back-off; number of waits), and the rest (Node start-up, loading, our own code). The loop iteration leaves out its agent's time. Then the same with ${commands.slow.latencyMs} ms added to every request, and the round trips that cost: (slow − fast) / ${commands.slow.latencyMs} ms.`,
    "",
    `| command | wall | GitHub | git | waiting | other | requests | wall at +${commands.slow.latencyMs} ms | round trips |`,
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ...commandRows(results),
    "",
    "Requests and wall time of one CLI process (Node start-up included; median of 3 runs) against the local fake GitHub, plain `route:ready` issues:",
    "",
    "| ready issues | `peek` | `pop` | `status` |",
    "|---:|---|---|---|",
    ...queue.map(
      (row) =>
        `| ${count(row.size)} | ${row.peek.requests} req, ${seconds(row.peek.ms)} | ${row.pop.requests} req, ${seconds(row.pop.ms)} | ${row.status.requests} req, ${seconds(row.status.ms)} |`,
    ),
    "",
    "| measurement | result |",
    "|---|---|",
    `| ${idle.polls} idle \`status\` polls after the first | ${idle.points} rate-limit points; ${idle.requestsPerPoll.toFixed(1)} requests per poll, ${idle.fullAnswers} not 304; ${millis(idle.msPerPoll)} per poll |`,
    `| \`node -e 0\` / \`--version\` / \`--help\` (median of ${startup.runs}) | ${millis(startup.node)} / ${millis(startup.version)} (${ratio(startup.version, startup.node)}) / ${millis(startup.help)} (${ratio(startup.help, startup.node)}) |`,
    `| autonomous loop, ${loop.issues} issues back to back, instant agent, no verify | ${loop.done} done in ${seconds(loop.totalMs)}: ${seconds(loop.totalMs / loop.issues)} per issue, of which agent ${seconds(loop.agentMs / loop.issues)} and loop ${seconds((loop.totalMs - loop.agentMs) / loop.issues)}, write pacing ${seconds(loop.waitingMs / loop.issues)} of it (${loop.waits} waits: an agent that takes no time makes writes faster than GitHub's secondary limits allow); ${(loop.requests / loop.issues).toFixed(1)} requests per issue (${(loop.reviewRequests / loop.issues).toFixed(1)} of them the review watch's, ${(loop.trustRequests / loop.issues).toFixed(1)} the trust gate's) |`,
    `| loop memory (RSS) at start / issue 5 claimed / issue ${loop.issues} done | ${[loop.rss.start, loop.rss.issue5, loop.rss.end].map((kib) => (kib === undefined ? "n/a" : mebibytes(kib))).join(" / ")} |`,
    `| loop memory (RSS) as each issue was done | ${loop.rssAfterEach.length ? `${loop.rssAfterEach.map((kib) => (kib / 1024).toFixed(0)).join(", ")} MiB` : "n/a"} |`,
    ...[concurrency, contention].map(concurrencyRow),
    "",
    "| target | measured | |",
    "|---|---|:-:|",
    ...targets(results).map((target) => `| ${target.what} | ${target.measured} | ${mark(target.ok)} |`),
    "",
  ];
  return lines.join("\n");
}
