/**
 * `npm run bench [-- --quick]`: the design §9 measurements against the local fake GitHub — requests
 * and wall time of `peek`, `pop` and `status` by queue size, the rate-limit cost of idle `status`
 * polls, start-up next to `node -e 0`, the autonomous loop's overhead and memory per issue, and
 * concurrent pops (8 on 8 ready issues; 16 on 40, design §3 "Contention") — printed as a table and kept at the top of bench/results.md (a full run only;
 * older runs stay below it). Missed targets are marked ❌ and listed on stderr; the exit code
 * is 1 only when a measurement could not be made. Not part of `npm test`.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describeMachine, PACKAGE_ROOT } from "./bench-util.js";
import { measureCommands } from "./command-bench.js";
import { measureConcurrentPops } from "./concurrency-bench.js";
import { measureLoop } from "./loop-bench.js";
import { measureIdlePolls, measureQueue } from "./queue-bench.js";
import { renderMarkdown, targets, type BenchResults } from "./report.js";
import { measureStartup } from "./startup-bench.js";

const quick = process.argv.includes("--quick");
const plan = quick
  ? { sizes: [10, 100, 2_000], polls: 10, startupRuns: 7, commandRuns: 1, loopIssues: 8, concurrent: 8 }
  : {
      sizes: [10, 100, 1_000, 2_000, 10_000],
      polls: 100,
      startupRuns: 15,
      commandRuns: 3,
      loopIssues: 20,
      concurrent: 8,
    };

const RESULTS = path.join(PACKAGE_ROOT, "bench", "results.md");
/** Added to every request of the slow runs: (slow − fast) / this = round trips on the critical path. */
const LATENCY_MS = 150;
const HEADER = [
  "# Benchmark results",
  "",
  "Written by `npm run bench` (see design §9 and the README's Benchmark section); the newest run first.",
  "Wall times depend on the machine and its load; request counts and rate-limit points do not.",
  "Every figure is measured with the CLI's production HTTP defaults (write pacing on, as users get it).",
  "",
].join("\n");

function step(text: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${text}\n`);
}

async function main(): Promise<number> {
  const started = Date.now();
  const machine = describeMachine();
  step(`start-up: node -e 0, --version, --help (${plan.startupRuns} runs each)`);
  const startup = measureStartup(plan.startupRuns);
  step(
    `status, pop, bottle and one loop iteration, ${plan.commandRuns} run(s) each, at 0 and ${LATENCY_MS} ms per request`,
  );
  const commands = {
    fast: await measureCommands(0, plan.commandRuns),
    slow: await measureCommands(LATENCY_MS, plan.commandRuns),
  };
  step(`peek, status, pop at ${plan.sizes.join(", ")} ready issues`);
  const queue = await measureQueue(plan.sizes, 3, (line) => process.stderr.write(`${line}\n`));
  step(`${plan.polls} idle status polls`);
  const idle = await measureIdlePolls(plan.polls);
  step(`the autonomous loop over ${plan.loopIssues} issues`);
  const loop = await measureLoop(plan.loopIssues);
  step(`${plan.concurrent} concurrent pops`);
  const concurrency = await measureConcurrentPops(plan.concurrent);
  step("16 concurrent pops on 40 ready issues");
  const contention = await measureConcurrentPops(16, 40);
  const results: BenchResults = {
    date: new Date(),
    machine,
    queue,
    idle,
    startup,
    commands,
    loop,
    concurrency,
    contention,
  };

  const markdown = renderMarkdown(results);
  process.stdout.write(`\n${markdown}\n`);
  if (quick) {
    step("--quick: bench/results.md left as it was");
  } else {
    const previous = existsSync(RESULTS) ? readFileSync(RESULTS, "utf8") : "";
    const firstRun = previous.search(/^## /m);
    const older = firstRun === -1 ? "" : previous.slice(firstRun);
    writeFileSync(RESULTS, `${HEADER}\n${markdown}${older ? `\n${older}` : ""}`);
    step(`written to ${path.relative(process.cwd(), RESULTS) || RESULTS}`);
  }
  step(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const missed = targets(results).filter((target) => !target.ok);
  if (missed.length > 0)
    process.stderr.write(
      `${missed.length} target(s) missed:\n${missed.map((t) => `  ❌ ${t.what}: ${t.measured}`).join("\n")}\n`,
    );
  return 0;
}

process.exitCode = await main();
