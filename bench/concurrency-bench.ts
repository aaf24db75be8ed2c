import type { PopJson } from "../src/cli/json/pop-json.js";
import { createWorld, initialiseRepository } from "../test/support/e2e-world.js";
import { expectExit, timeCli } from "./bench-util.js";

export interface Concurrency {
  processes: number;
  /** Ready issues left for the concurrent pops (one more was there for the pop alone). */
  issues: number;
  /** Wall time of one pop alone, and of `processes` pops started at once (until the last exits). */
  singleMs: number;
  concurrentMs: number;
  singleRequests: number;
  concurrentRequests: number;
  claimed: number;
  /** Different issues among those claimed: `claimed` when no two pops took the same one. */
  distinct: number;
  /** Pops that found the queue empty (exit 6) and that lost every race (exit 4). */
  empty: number;
  lostEveryRace: number;
}

/**
 * One pop alone, then `processes` pops at once, each as its own agent in its own clone, on
 * `issues` ready issues (design §3 "Contention": with `issues` ≥ `processes`, every pop claims).
 */
export async function measureConcurrentPops(processes: number, issues = processes): Promise<Concurrency> {
  const world = await createWorld({ http: "production" });
  try {
    await initialiseRepository(world);
    world.repo.addIssues(issues + 1, { labels: ["route:ready"] });
    const agents = Array.from({ length: processes + 1 }, (_, i) => `agent${String(300 + i)}`);
    const clones = await Promise.all(
      agents.map((agent) =>
        world.sandbox.clone(world.origin, `bench-${agent}`, { remoteUrl: "https://github.com/acme/widgets.git" }),
      ),
    );
    const pop = (i: number) =>
      timeCli(world, ["--agent", agents[i] ?? "agent300", "pop", "--json"], { cwd: clones[i] });

    const single = expectExit(await pop(processes), [0], "pop");
    const before = world.server.requests.length;
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: processes }, (_, i) => pop(i)));
    const concurrentMs = performance.now() - started;
    for (const result of results) expectExit(result, [0, 4, 6], "a concurrent pop");
    const won = results.filter((result) => result.result.code === 0);
    const numbers = won.map((result) => (JSON.parse(result.result.stdout) as PopJson).claimed?.number);
    return {
      processes,
      issues,
      singleMs: single.ms,
      concurrentMs,
      singleRequests: single.requests,
      concurrentRequests: world.server.requests.length - before,
      claimed: won.length,
      distinct: new Set(numbers).size,
      empty: results.filter((result) => result.result.code === 6).length,
      lostEveryRace: results.filter((result) => result.result.code === 4).length,
    };
  } finally {
    await world.close();
  }
}
