import { createWorld, initialiseRepository, USER, type World } from "../test/support/e2e-world.js";
import { expectExit, median, timeCli } from "./bench-util.js";

export interface CommandCost {
  /** The most requests any of the runs made (they should all make the same number). */
  requests: number;
  /** Median wall time of the runs, node start-up included. */
  ms: number;
}

export interface QueueRow {
  size: number;
  peek: CommandCost;
  pop: CommandCost;
  status: CommandCost;
}

export interface IdlePolls {
  polls: number;
  /** Rate-limit points the polls after the first cost (GitHub does not count a 304). */
  points: number;
  requestsPerPoll: number;
  /** Answers other than 304 (the free /rate_limit read excluded). */
  fullAnswers: number;
  msPerPoll: number;
}

/** A fresh world that went through `init`, with `size` plain route:ready issues (the worst case: every priority level is empty). */
async function queueWorld(size: number): Promise<World> {
  const world = await createWorld({ http: "production" });
  try {
    await initialiseRepository(world);
    world.repo.addIssues(size, { labels: ["route:ready"] });
    return world;
  } catch (error) {
    await world.close();
    throw error;
  }
}

async function cost(
  runs: number,
  run: (index: number) => Promise<{ requests: number; ms: number }>,
): Promise<CommandCost> {
  const timings: Array<{ requests: number; ms: number }> = [];
  for (let index = 0; index < runs; index++) timings.push(await run(index));
  return { requests: Math.max(...timings.map((t) => t.requests)), ms: median(timings.map((t) => t.ms)) };
}

/** peek, status and pop at each queue size, each command `runs` times in a fresh process. */
export async function measureQueue(
  sizes: readonly number[],
  runs = 3,
  log: (line: string) => void = () => {},
): Promise<QueueRow[]> {
  const rows: QueueRow[] = [];
  for (const size of sizes) {
    const world = await queueWorld(size);
    try {
      const peek = await cost(runs, async () => expectExit(await timeCli(world, ["peek", "--json"]), [0], "peek"));
      const status = await cost(runs, async () =>
        expectExit(await timeCli(world, ["status", "--json"]), [0], "status"),
      );
      // A different agent each time: an agent holding a claim may not pop again.
      const pop = await cost(runs, async (index) =>
        expectExit(await timeCli(world, ["--agent", `agent${String(201 + index)}`, "pop", "--json"]), [0], "pop"),
      );
      rows.push({ size, peek, pop, status });
      log(`  ${size} ready: peek ${peek.requests} req, pop ${pop.requests} req, status ${status.requests} req`);
    } finally {
      await world.close();
    }
  }
  return rows;
}

/** `status` polled `polls` times on a repository where nothing changes, after one warm-up run. */
export async function measureIdlePolls(polls: number, size = 10): Promise<IdlePolls> {
  const world = await queueWorld(size);
  try {
    expectExit(await timeCli(world, ["status", "--json"]), [0], "status");
    const before = world.server.rateLimitOf(USER).remaining;
    const firstRequest = world.server.requests.length;
    const started = performance.now();
    for (let poll = 0; poll < polls; poll++) expectExit(await timeCli(world, ["status", "--json"]), [0], "status");
    const ms = performance.now() - started;
    const requests = world.server.requests.slice(firstRequest);
    return {
      polls,
      points: before - world.server.rateLimitOf(USER).remaining,
      requestsPerPoll: requests.length / polls,
      fullAnswers: requests.filter((request) => request.status !== 304 && request.path !== "/rate_limit").length,
      msPerPoll: ms / polls,
    };
  } finally {
    await world.close();
  }
}
