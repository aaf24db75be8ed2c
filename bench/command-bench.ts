import { createWorld, initialiseRepository, type World } from "../test/support/e2e-world.js";
import { configureLoop } from "../test/support/loop-world.js";
import { expectExit, median, timeCli, type Timed } from "./bench-util.js";
import { parseTimings, type Timings } from "./parse-timings.js";

export const COMMANDS = ["pop", "bottle", "status", "loop"] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface CommandRun {
  ms: number;
  requests: number;
  /** Where the process's time went, from its `--debug` timing line (design §9). */
  timings: Timings;
}

export interface CommandCosts {
  /** Milliseconds added to every request by the fake GitHub. */
  latencyMs: number;
  runs: number;
  /** Median of the runs for each command; `loop` is one `spawn --autonomous --once` without its agent's time. */
  commands: Record<CommandName, CommandRun>;
}

function medianRun(runs: CommandRun[]): CommandRun {
  const pick = (value: (run: CommandRun) => number) => median(runs.map(value));
  return {
    ms: pick((run) => run.ms),
    requests: Math.max(...runs.map((run) => run.requests)),
    timings: {
      totalMs: pick((run) => run.timings.totalMs),
      githubMs: pick((run) => run.timings.githubMs),
      gitMs: pick((run) => run.timings.gitMs),
      waitingMs: pick((run) => run.timings.waitingMs),
      agentMs: pick((run) => run.timings.agentMs),
      paceWaits: Math.max(...runs.map((run) => run.timings.paceWaits)),
    },
  };
}

function toRun(timed: Timed, what: string): CommandRun {
  expectExit(timed, [0], what);
  const timings = parseTimings(timed.result.stderr, timed.result.stdout);
  if (!timings) throw new Error(`${what} printed no timing line under --debug:\n${timed.result.stderr.slice(-2000)}`);
  // The loop's agent is not the loop's cost: take its time out, as the loop bench does.
  return { ms: timed.ms - timings.agentMs, requests: timed.requests, timings };
}

/**
 * One round of the four commands a user feels, in a fresh world with the CLI's production HTTP
 * defaults (write pacing on): `status`, `pop`, a commit, `bottle`, then a loop iteration over the
 * next issue with an agent that commits one file. Latency applies to these commands only, not to set-up.
 */
async function oneRound(latencyMs: number): Promise<Record<CommandName, CommandRun>> {
  const world: World = await createWorld({ http: "production" });
  try {
    await initialiseRepository(world);
    world.repo.addIssues(10, { labels: ["route:ready"] });
    if (latencyMs > 0) world.server.injectFault({ kind: "latency", ms: latencyMs, times: Infinity });
    const debug = ["--debug"];
    const status = toRun(await timeCli(world, [...debug, "status"]), "status");
    const pop = toRun(await timeCli(world, [...debug, "--agent", "agent201", "pop"]), "pop");
    await world.sandbox.commitFile(world.clone, "bench.txt", "bench\n", "Bench change");
    const bottle = toRun(await timeCli(world, [...debug, "--agent", "agent201", "bottle", "--no-verify"]), "bottle");
    await world.sandbox.git(world.clone, ["checkout", "-q", "main"]);
    await configureLoop(world);
    await world.sandbox.git(world.clone, ["commit", "-qam", "Configure the bench agent"]);
    const loop = toRun(await timeCli(world, [...debug, "spawn", "--autonomous", "--once"]), "spawn --once");
    return { status, pop, bottle, loop };
  } finally {
    await world.close();
  }
}

/** Each command `runs` times at `latencyMs` added per request; the median of each. */
export async function measureCommands(latencyMs: number, runs: number): Promise<CommandCosts> {
  const rounds: Array<Record<CommandName, CommandRun>> = [];
  for (let run = 0; run < runs; run++) rounds.push(await oneRound(latencyMs));
  const commands = Object.fromEntries(
    COMMANDS.map((name) => [name, medianRun(rounds.map((round) => round[name]))]),
  ) as Record<CommandName, CommandRun>;
  return { latencyMs, runs, commands };
}
