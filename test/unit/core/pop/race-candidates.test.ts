import { describe, expect, it } from "vitest";
import {
  CANDIDATES,
  MAX_QUEUE_READS,
  queuedCandidates,
  raceForCandidates,
} from "../../../../src/core/pop/race-candidates.js";
import type { Issue } from "../../../../src/domain/issue.js";
import { InMemoryTracker, makeIssue } from "../../../support/in-memory-tracker.js";

const queueOf = (count: number) =>
  new InMemoryTracker(Array.from({ length: count }, (_, i) => makeIssue(i + 1, ["route:ready"])));
const reads = (tracker: InMemoryTracker) =>
  tracker.calls.filter((call) => call === "listOpenIssues route:ready p1").length;

/** Another agent's claim, as the queue read sees it: its label on the issue. */
function takenByOther(tracker: InMemoryTracker, number: number): void {
  const issue = tracker.issues.find((candidate) => candidate.number === number) as Issue;
  issue.labels = [...issue.labels.filter((label) => label !== "route:ready"), "agent999"];
}

async function race(tracker: InMemoryTracker, tryOne: (candidate: Issue) => Promise<number | undefined>) {
  const candidates = await queuedCandidates(tracker, "agent300");
  return raceForCandidates({ tracker, agentId: "agent300", login: "me", candidates, fromQueue: true, tryOne });
}

describe("raceForCandidates (design §3 contention)", () => {
  it("wins the first candidate with one read when nobody races", async () => {
    const tracker = queueOf(10);
    const outcome = await race(tracker, async (candidate) => candidate.number);
    expect(outcome).toMatchObject({ kind: "won", lostTo: [] });
    expect(reads(tracker)).toBe(1);
  });

  it("reads the queue again when every candidate was lost, without the issues lost", async () => {
    const tracker = queueOf(20);
    let tries = 0;
    const outcome = await race(tracker, async (candidate) => {
      tries++;
      if (tries > CANDIDATES) return candidate.number;
      takenByOther(tracker, candidate.number);
      return undefined;
    });
    expect(outcome.kind).toBe("won");
    if (outcome.kind !== "won") return;
    expect(outcome.lostTo).toHaveLength(CANDIDATES);
    expect(outcome.lostTo).not.toContain(outcome.value);
    expect(reads(tracker)).toBe(2);
  });

  it("says the queue is empty when the others took every eligible issue", async () => {
    const tracker = queueOf(3);
    const outcome = await race(tracker, async (candidate) => {
      takenByOther(tracker, candidate.number);
      return undefined;
    });
    expect(outcome).toMatchObject({ kind: "lost", queueEmpty: true });
    expect(outcome.lostTo.sort((a, b) => a - b)).toEqual([1, 2, 3]);
    expect(reads(tracker)).toBe(2);
  });

  it("gives up after a bounded number of reads while eligible issues remain (lost every race)", async () => {
    const tracker = queueOf(40);
    // Locked but not yet marked by the winners: still eligible on every read.
    const outcome = await race(tracker, async () => undefined);
    expect(outcome.kind).toBe("lost");
    if (outcome.kind !== "lost") return;
    expect(outcome.queueEmpty).toBe(false);
    expect(outcome.lostTo).toHaveLength(MAX_QUEUE_READS * CANDIDATES);
    expect(new Set(outcome.lostTo).size).toBe(outcome.lostTo.length);
    expect(reads(tracker)).toBe(MAX_QUEUE_READS);
  });

  it("never reads the queue for a named issue (pop --issue N)", async () => {
    const tracker = queueOf(5);
    const [named] = tracker.issues as [Issue];
    const outcome = await raceForCandidates({
      tracker,
      agentId: "agent300",
      login: "me",
      candidates: [named],
      fromQueue: false,
      tryOne: async () => undefined,
    });
    expect(outcome).toEqual({ kind: "lost", lostTo: [1], queueEmpty: true });
    expect(tracker.calls).toEqual([]);
  });
});
