import type { Issue } from "../../domain/issue.js";
import { spreadCandidates } from "../../domain/spread-candidates.js";
import type { IssueTracker } from "../ports.js";
import { readQueue, type QueueSource } from "../read-queue.js";

/** How many queued candidates one read of the queue offers before it is read again. */
export const CANDIDATES = 5;

/**
 * How many times one pop reads the queue at most: the plan's read and two more. Each extra read
 * costs the two listing requests (design §9), so a pop that keeps losing stays within a bound.
 */
export const MAX_QUEUE_READS = 3;

type Query = Parameters<IssueTracker["listOpenIssues"]>[0];

export type RaceOutcome<T> =
  | { kind: "won"; value: T; lostTo: number[] }
  /** `queueEmpty`: the last read found nothing left to try — every eligible issue is taken. */
  | { kind: "lost"; lostTo: number[]; queueEmpty: boolean };

export interface Race<T> {
  tracker: Pick<IssueTracker, "listOpenIssues" | "readIssueStates">;
  agentId: string;
  login: string;
  /** The plan's candidates: the first read's. */
  candidates: readonly Issue[];
  /** A named issue (`pop --issue`) is one candidate, never replaced by a read of the queue. */
  fromQueue: boolean;
  /** Lock one candidate; undefined when another agent locked it first. */
  tryOne: (candidate: Issue) => Promise<T | undefined>;
  /** Checked before each candidate: the loop stops claiming on a shutdown signal. */
  stopping?: () => boolean;
}

/**
 * Try candidates until one is won (design §3 "Contention"). When every candidate of a read was
 * lost, the queue is read again, without the issues already lost, rather than giving up while
 * eligible issues remain — at most `MAX_QUEUE_READS` reads in all.
 */
export async function raceForCandidates<T>(race: Race<T>): Promise<RaceOutcome<T>> {
  const lostTo: number[] = [];
  let candidates = race.candidates;
  for (let read = 1; ; read++) {
    for (const candidate of candidates) {
      if (race.stopping?.()) return { kind: "lost", lostTo, queueEmpty: false };
      const value = await race.tryOne(candidate);
      if (value !== undefined) return { kind: "won", value, lostTo };
      lostTo.push(candidate.number);
    }
    if (!race.fromQueue || read >= MAX_QUEUE_READS) return { kind: "lost", lostTo, queueEmpty: !race.fromQueue };
    // The login is known by now: the re-read never asks for it again.
    const source = {
      listOpenIssues: (query: Query) => race.tracker.listOpenIssues(query),
      readIssueStates: (numbers: readonly number[]) => race.tracker.readIssueStates(numbers),
      getViewer: async () => ({ login: race.login }),
    };
    candidates = await queuedCandidates(source, race.agentId, lostTo);
    if (candidates.length === 0) return { kind: "lost", lostTo, queueEmpty: true };
  }
}

/** The queue's next candidates in this agent's order, without the issues in `exclude`. */
export async function queuedCandidates(
  source: QueueSource,
  agentId: string,
  exclude: readonly number[] = [],
): Promise<Issue[]> {
  const queue = await readQueue(source, { want: 1 + exclude.length });
  const open = queue.tasks.filter((issue) => !exclude.includes(issue.number));
  return spreadCandidates(open, agentId, CANDIDATES);
}
