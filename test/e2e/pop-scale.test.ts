import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { initialiseRepository, useWorld, type World } from "../support/e2e-world.js";

const currentWorld = useWorld({ beforeEach, afterEach });
let world: World;
beforeEach(async () => {
  world = currentWorld();
  await initialiseRepository(world);
});

// design §9: pop's requests do not grow with the queue (peek's twin is in peek.test.ts).
describe("pop at scale", () => {
  it("costs the same bounded number of requests at 2,000 and 10,000 ready issues", async () => {
    const counts: number[] = [];
    const claimed: unknown[] = [];
    for (const [size, agent] of [
      [2_000, "agent001"],
      [8_000, "agent002"],
    ] as const) {
      world.repo.addIssues(size, { labels: ["route:ready"] });
      world.repo.addIssue({ title: `medium after ${size}`, labels: ["route:ready", "route:priority-medium"] });
      world.server.clearRequestLog();
      const result = await world.cli(["--agent", agent, "pop", "--json"]);
      expect(result.code, result.stderr).toBe(0);
      claimed.push(JSON.parse(result.stdout).claimed.title);
      counts.push(world.server.requests.length);
    }
    expect(world.repo.issues().length).toBeGreaterThanOrEqual(10_000);
    // The oldest medium issue first, then the next medium one: never a per-candidate scan.
    expect(claimed).toEqual(["medium after 2000", "medium after 8000"]);
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(12);
  });
});
