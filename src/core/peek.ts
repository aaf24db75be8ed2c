import type { Issue } from "../domain/issue.js";
import { previewOf } from "../domain/preview.js";
import { PRIORITY_NAMES, priorityOf } from "../domain/priority.js";
import { spreadCandidates } from "../domain/spread-candidates.js";
import { explainQueue, type ExplainedIssue, type ExplainRequest } from "./explain-queue.js";
import { readQueue, type QueueSource } from "./read-queue.js";

export interface TaskView {
  number: number;
  title: string;
  /** 5 = unblocker … 0 = none. */
  priority: number;
  priorityName: string;
  labels: string[];
  url: string;
  preview: string;
}

export interface PeekResult {
  task: TaskView | null;
  tasks: TaskView[];
  /** Exact number of eligible issues, or null when counting would break the request bounds. */
  queueDepth: number | null;
  /** With `explain`: why the first queued issues stand where they do. */
  explained?: ExplainedIssue[];
}

export interface PeekOptions {
  tracker: QueueSource & ExplainRequest["tracker"];
  count: number;
  /** Whose pick: in the top level, each agent id starts at its own place (design §3 "Contention"). */
  agentId?: string;
  /** Also say why the first `count` queued issues (at least five) are or are not next. */
  explain?: boolean;
}

/** How many queued issues `--explain` covers at least. */
export const EXPLAIN_COUNT = 5;

/** What `pop` would take next for this agent (and, with a count, the ones after it). Reads only. */
export async function peek(options: PeekOptions): Promise<PeekResult> {
  const explainCount = Math.max(options.count, EXPLAIN_COUNT);
  const queue = await readQueue(options.tracker, { want: options.explain ? explainCount : options.count });
  const ordered =
    options.agentId === undefined ? queue.tasks : spreadCandidates(queue.tasks, options.agentId, queue.tasks.length);
  const tasks = ordered.slice(0, options.count).map(toTaskView);
  const result: PeekResult = { task: tasks[0] ?? null, tasks, queueDepth: queue.complete ? queue.tasks.length : null };
  if (options.explain) {
    result.explained = await explainQueue({
      tracker: options.tracker,
      queue,
      ordered,
      agentId: options.agentId,
      count: explainCount,
    });
  }
  return result;
}

export function toTaskView(issue: Issue): TaskView {
  const priority = priorityOf(issue.labels);
  return {
    number: issue.number,
    title: issue.title,
    priority,
    priorityName: PRIORITY_NAMES[priority],
    labels: issue.labels,
    url: issue.url,
    preview: previewOf(issue.body),
  };
}
