import { describe, expect, it } from "vitest";
import type { Issue } from "../../../src/domain/issue.js";
import { sortByQueueOrder } from "../../../src/domain/queue-order.js";
import { spreadCandidates, stableHash } from "../../../src/domain/spread-candidates.js";
import { makeIssue } from "../../support/in-memory-tracker.js";

const ready = (from: number, to: number, labels: string[] = []): Issue[] =>
  Array.from({ length: to - from + 1 }, (_, i) => makeIssue(from + i, ["route:ready", ...labels]));
const numbers = (issues: readonly Issue[]) => issues.map((issue) => issue.number);
const agents = (count: number) => Array.from({ length: count }, (_, i) => `agent${String(300 + i)}`);

describe("spreadCandidates (design §3 contention)", () => {
  it("is stable per agent id: the same queue gives the same order every time", () => {
    const queue = sortByQueueOrder(ready(1, 40));
    expect(numbers(spreadCandidates(queue, "agent007", 5))).toEqual(numbers(spreadCandidates(queue, "agent007", 5)));
    expect(stableHash("agent007")).toBe(stableHash("agent007"));
  });

  it("spreads the first pick of agents starting together over the level (queue order would give all #1)", () => {
    const queue = sortByQueueOrder(ready(1, 40));
    const firsts = agents(16).map((agent) => spreadCandidates(queue, agent, 5)[0]?.number);
    expect(new Set(firsts).size).toBeGreaterThanOrEqual(12);
  });

  it("goes on from the first pick in queue order, wrapping round, and tries every issue once", () => {
    const queue = sortByQueueOrder(ready(1, 10));
    for (const agent of agents(16)) {
      const order = numbers(spreadCandidates(queue, agent, 10));
      const first = order[0] ?? 0;
      expect(order).toEqual(Array.from({ length: 10 }, (_, i) => ((first - 1 + i) % 10) + 1));
    }
  });

  it("only reorders within the highest level: a lower level never comes before a higher one", () => {
    const high = ready(1, 6, ["route:priority-high"]);
    const low = ready(7, 12, ["route:priority-low"]);
    const none = ready(13, 15);
    const queue = sortByQueueOrder([...none, ...low, ...high]);
    for (const agent of agents(16)) {
      const order = numbers(spreadCandidates(queue, agent, 15));
      expect([...order.slice(0, 6)].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(order.slice(6)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15]);
    }
  });

  it("reaches a lower level only when the highest has fewer issues than asked for", () => {
    const queue = sortByQueueOrder([...ready(1, 2, ["route:unblocker"]), ...ready(3, 5)]);
    expect(numbers(spreadCandidates(queue, "agent300", 4)).slice(2)).toEqual([3, 4]);
    expect(spreadCandidates(queue, "agent300", 2).every((issue) => issue.number <= 2)).toBe(true);
  });

  it("gives nothing for an empty queue and the one issue of a queue of one", () => {
    expect(spreadCandidates([], "agent300", 5)).toEqual([]);
    expect(numbers(spreadCandidates(ready(1, 1), "agent300", 5))).toEqual([1]);
  });
});
