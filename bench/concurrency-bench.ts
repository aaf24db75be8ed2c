import { createWorld, initialiseRepository } from "../test/support/e2e-world.js";
import { expectExit, timeCli } from "./bench-util.js";

export interface Concurrency {
  processes: number;
  /** Wall time of one pop alone, and of `processes` pops started at once (until the last exits). */
  singleMs: number;
  concurrentMs: number;
  singleRequests: number;
  concurrentRequests: number;
  claimed: number;
}

/** One pop alone, then `processes` pops at once, each as its own agent in its own clone. */
export async function measureConcurrentPops(processes: number): Promise<Concurrency> {
  const world = await createWorld({ http: "production" });
  try {
    await initialiseRepository(world);
    world.repo.addIssues(processes + 1, { labels: ["route:ready"] });
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
    for (const result of results) expectExit(result, [0, 6], "a concurrent pop");
    return {
      processes,
      singleMs: single.ms,
      concurrentMs,
      singleRequests: single.requests,
      concurrentRequests: world.server.requests.length - before,
      claimed: results.filter((result) => result.result.code === 0).length,
    };
  } finally {
    await world.close();
  }
}
