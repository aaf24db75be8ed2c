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
  loop: LoopCost;
  concurrency: Concurrency;
}

interface Target {
  what: string;
  measured: string;
  ok: boolean;
}

const count = (n: number) => n.toLocaleString("en-US");
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

/** The design §9 / issue 6 targets, each with what was measured and whether it holds. */
export function targets(results: BenchResults): Target[] {
  const { queue, idle, startup, loop } = results;
  const small = queue.filter((row) => row.size <= 100);
  const at = (size: number) => queue.find((row) => row.size === size);
  const [big2k, big10k] = [at(2_000), at(10_000)];
  const maxOf = (rows: QueueRow[], key: "peek" | "pop") => Math.max(...rows.map((row) => row[key].requests));
  const overheadMs = (loop.totalMs - loop.agentMs) / loop.issues;
  const reviewPerIssue = loop.reviewRequests / loop.issues;
  const requestsPerIssue = loop.requests / loop.issues - reviewPerIssue;
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
      // One listing per poll, and one full read of each pull request the loop just delivered.
      what: "review watch ≤ 8 requests per issue",
      measured: reviewPerIssue.toFixed(1),
      ok: reviewPerIssue <= 8,
    },
    { what: "loop overhead < 1.5 s per issue", measured: seconds(overheadMs), ok: overheadMs < 1500 },
    {
      what: `loop memory flat (within 10 %) from issue 5 to issue ${loop.issues}`,
      measured:
        growth === undefined
          ? "not measured (needs /proc)"
          : `${mebibytes(issue5 ?? 0)} → ${mebibytes(end ?? 0)} (${growth >= 0 ? "+" : ""}${(growth * 100).toFixed(1)} %)`,
      ok: growth !== undefined && Math.abs(growth) <= 0.1,
    },
  ];
}

export function renderMarkdown(results: BenchResults): string {
  const { queue, idle, startup, loop, concurrency } = results;
  const lines = [
    `## ${results.date.toISOString().replace(/\.\d+Z$/, "Z")}`,
    "",
    `Machine: ${results.machine}.`,
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
    `| autonomous loop, ${loop.issues} issues, instant agent, no verify | ${loop.done} done in ${seconds(loop.totalMs)}: ${seconds(loop.totalMs / loop.issues)} per issue, of which agent ${seconds(loop.agentMs / loop.issues)} and loop ${seconds((loop.totalMs - loop.agentMs) / loop.issues)}; ${(loop.requests / loop.issues).toFixed(1)} requests per issue (${(loop.reviewRequests / loop.issues).toFixed(1)} of them the review watch's) |`,
    `| loop memory (RSS) at start / issue 5 claimed / issue ${loop.issues} done | ${[loop.rss.start, loop.rss.issue5, loop.rss.end].map((kib) => (kib === undefined ? "n/a" : mebibytes(kib))).join(" / ")} |`,
    `| loop memory (RSS) as each issue was done | ${loop.rssAfterEach.length ? `${loop.rssAfterEach.map((kib) => (kib / 1024).toFixed(0)).join(", ")} MiB` : "n/a"} |`,
    `| ${concurrency.processes} concurrent \`pop\`s vs one \`pop\` | ${seconds(concurrency.concurrentMs)} vs ${seconds(concurrency.singleMs)} (${ratio(concurrency.concurrentMs, concurrency.singleMs)}); ${concurrency.claimed} claimed and ${concurrency.processes - concurrency.claimed} exit 6 (each pop tries a bounded number of candidates) on ${concurrency.processes} ready issues; ${concurrency.concurrentRequests} requests in all (${concurrency.singleRequests} for one) |`,
    "",
    "| target | measured | |",
    "|---|---|:-:|",
    ...targets(results).map((target) => `| ${target.what} | ${target.measured} | ${mark(target.ok)} |`),
    "",
  ];
  return lines.join("\n");
}
