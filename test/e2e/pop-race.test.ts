import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useWorld } from "../support/e2e-world.js";
import { runPopRace } from "../support/pop-race.js";

const world = useWorld({ beforeEach, afterEach });

describe("concurrent pop (design §3: exactly one winner)", () => {
  it.each([1, 2, 3])("round %i: 8 processes, 5 ready issues — each issue claimed by exactly one", async (round) => {
    const outcome = await runPopRace(world(), { processes: 8, issues: 5, round });
    const winners = outcome.results.filter((result) => result.code === 0);
    const losers = outcome.results.filter((result) => result.code !== 0);
    expect(losers.map((result) => result.code)).toEqual([6, 6, 6]);
    const claimed = winners.map((result) => JSON.parse(result.stdout).claimed.number as number);
    expect(new Set(claimed).size).toBe(5);
    for (const [number, agents] of outcome.labelled) {
      expect(agents, `issue #${number}`).toHaveLength(1);
      const winner = winners.find((result) => JSON.parse(result.stdout).claimed.number === number);
      expect(agents[0]).toBe(winner?.agent);
    }
    expect(outcome.claimRefs).toEqual([...outcome.labelled.keys()].sort((a, b) => a - b));
  });
});
