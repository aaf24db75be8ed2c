import { releasedMarks, type Marks } from "./claim-marks.js";
import type { Issue } from "./issue.js";
import { LABEL, isAgentLabel } from "./labels.js";

/** What releasing one claim changes on its issue (`reset`). */
export interface Release {
  /** The labels and assignees to write, or undefined when the issue already shows no claim. */
  marks: Marks | undefined;
  labelsRemoved: string[];
  /** `route:ready` goes back on: the issue returns to the queue. */
  requeued: boolean;
  /** The assignee taken off (the one this tool added when claiming), if any. */
  assigneeRemoved: string | null;
}

/**
 * Undo what a claim did. An open issue whose claim is visible goes back to the queue: agent
 * labels off, `route:ready` on, the tool's assignee off. A closed issue, or one already in
 * review, only loses its agent labels: it is not queued again, and whoever did the work stays
 * assigned. An issue with a lock but no visible claim keeps its labels (the claim never
 * removed `route:ready` from it).
 */
export function releaseOf(
  issue: Pick<Issue, "state" | "labels" | "assignees">,
  toolLogin: string | undefined,
): Release {
  const claimed = issue.labels.some(isAgentLabel);
  const backToQueue = claimed && issue.state === "open" && !issue.labels.includes(LABEL.review);
  const marks = backToQueue
    ? releasedMarks(issue, toolLogin)
    : { labels: issue.labels.filter((label) => !isAgentLabel(label)), assignees: issue.assignees };
  const labelsRemoved = issue.labels.filter((label) => !marks.labels.includes(label));
  const requeued = backToQueue && !issue.labels.includes(LABEL.ready);
  const assigneeRemoved = issue.assignees.find((login) => !marks.assignees.includes(login)) ?? null;
  const changed = labelsRemoved.length > 0 || requeued || assigneeRemoved !== null;
  return { marks: changed ? marks : undefined, labelsRemoved, requeued, assigneeRemoved };
}
