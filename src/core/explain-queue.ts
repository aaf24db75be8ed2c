import { describeWait, describeWaits, waitReasonOf, type Blocker, type WaitReason } from "../domain/dependencies.js";

export type { WaitReason };
import { INELIGIBLE_WORDS, ineligibilityOf, needsViewerToJudge } from "../domain/eligibility.js";
import type { Issue } from "../domain/issue.js";
import { LABEL } from "../domain/labels.js";
import { PRIORITY_NAMES, priorityOf } from "../domain/priority.js";
import { sortByQueueOrder } from "../domain/queue-order.js";
import type { IssueTracker } from "./ports.js";
import type { QueueRead } from "./read-queue.js";

export type QueueStanding = "next" | "queued" | "waiting" | "not-eligible";

export interface ExplainedIssue {
  number: number;
  title: string;
  priority: number;
  priorityName: string;
  url: string;
  standing: QueueStanding;
  /** 1-based place in this agent's order, for `next` and `queued`. */
  place: number | null;
  /** One sentence: why this standing. */
  reason: string;
  waitsFor: WaitReason[];
}

export interface ExplainRequest {
  tracker: Pick<IssueTracker, "getViewer" | "listOpenBlockers">;
  queue: QueueRead;
  /** The queue's tasks in the order this agent would try them. */
  ordered: readonly Issue[];
  agentId: string | undefined;
  count: number;
}

/**
 * Why the first queued issues stand where they do (`peek --explain`): the pick and what puts it
 * first, each other's place, and for the rest what holds them back. Reads only what the queue read
 * left unsaid: the viewer when someone is assigned, and the list behind GitHub's count of blockers
 * for the issues shown (GET through the ETag cache).
 */
export async function explainQueue(request: ExplainRequest): Promise<ExplainedIssue[]> {
  const { queue, ordered } = request;
  const shown = sortByQueueOrder(queue.seen.filter(isQueued)).slice(0, request.count);
  const login = shown.some(needsViewerToJudge) ? (await request.tracker.getViewer()).login : undefined;
  const waiting = new Map(queue.waiting.map((wait) => [wait.issue.number, wait.blockers]));
  const named = await nameGitHubBlockers(request.tracker, shown, waiting);
  const pick = ordered[0];
  return shown.map((issue) => {
    const base = {
      number: issue.number,
      title: issue.title,
      priority: priorityOf(issue.labels),
      priorityName: PRIORITY_NAMES[priorityOf(issue.labels)],
      url: issue.url,
    };
    const index = ordered.findIndex((candidate) => candidate.number === issue.number);
    if (index === 0 && pick) {
      return { ...base, standing: "next", place: 1, reason: pickReason(request, issue), waitsFor: [] };
    }
    const before = ordered[index - 1];
    if (index > 0 && pick && before) {
      const reason = placeReason(request, issue, before, pick);
      return { ...base, standing: "queued", place: index + 1, reason, waitsFor: [] };
    }
    const blockers = waiting.get(issue.number);
    if (blockers) {
      const waitsFor = named.get(issue.number) ?? blockers.map(waitReasonOf);
      return { ...base, standing: "waiting", place: null, reason: waitWords(blockers, waitsFor), waitsFor };
    }
    const ineligible = ineligibilityOf(issue, login);
    const reason = ineligible ? `not eligible: ${INELIGIBLE_WORDS[ineligible]}` : "queued after the issues read";
    return { ...base, standing: ineligible ? "not-eligible" : "queued", place: null, reason, waitsFor: [] };
  });
}

function isQueued(issue: Issue): boolean {
  return (
    issue.state === "open" &&
    !issue.isPullRequest &&
    (issue.labels.includes(LABEL.ready) || issue.labels.includes(LABEL.unblocker))
  );
}

function pickReason(request: ExplainRequest, pick: Issue): string {
  const level = PRIORITY_NAMES[priorityOf(pick.labels)];
  const oldest = request.queue.tasks[0];
  if (request.agentId !== undefined && oldest && oldest.number !== pick.number) {
    return (
      `next for ${request.agentId}: highest priority present (${level}); each agent starts at its own place ` +
      `in that level so agents starting together do not race for #${oldest.number}`
    );
  }
  return `next: highest priority present (${level}), oldest at that level`;
}

/** Why it comes right after `before` in this agent's order. */
function placeReason(request: ExplainRequest, issue: Issue, before: Issue, pick: Issue): string {
  const mine = priorityOf(issue.labels);
  const theirs = priorityOf(before.labels);
  if (mine < theirs)
    return `after #${before.number}: lower priority (${PRIORITY_NAMES[mine]} < ${PRIORITY_NAMES[theirs]})`;
  const spread = request.agentId !== undefined && request.queue.tasks[0]?.number !== pick.number;
  if (spread && priorityOf(pick.labels) === mine) {
    return `same priority as #${pick.number}; ${request.agentId} tries this level from #${pick.number} on`;
  }
  return issue.createdAt.getTime() > before.createdAt.getTime()
    ? `after #${before.number}: same priority, opened later`
    : `after #${before.number}: same priority and age, higher number`;
}

function waitWords(blockers: readonly Blocker[], waitsFor: readonly WaitReason[]): string {
  // No blockers known: those named could not all be read, which describeWait words.
  return blockers.length === 0 ? describeWait(blockers) : `waits for ${describeWaits(waitsFor)}`;
}

/** GitHub gives a count of open blockers on the issue; the list is one more read, only for those shown. */
async function nameGitHubBlockers(
  tracker: ExplainRequest["tracker"],
  shown: readonly Issue[],
  waiting: Map<number, Blocker[]>,
): Promise<Map<number, WaitReason[]>> {
  const named = new Map<number, WaitReason[]>();
  await Promise.all(
    shown.map(async (issue) => {
      const blockers = waiting.get(issue.number);
      if (!blockers?.some((blocker) => blocker.via === "github")) return;
      const listed = await tracker.listOpenBlockers(issue.number);
      if (!listed) return;
      const fromGitHub: WaitReason[] = listed.map((blocker) => ({
        via: "github",
        number: blocker.number,
        count: 1,
        isPullRequest: blocker.isPullRequest,
        humanOnly: blocker.labels.includes(LABEL.humanOnly),
      }));
      const others = blockers.filter((blocker) => blocker.via !== "github").map(waitReasonOf);
      // A blocker both linked on GitHub and named in the body is listed once.
      const unique = others.filter((other) => !fromGitHub.some((github) => github.number === other.number));
      named.set(issue.number, [...fromGitHub, ...unique]);
    }),
  );
  return named;
}
