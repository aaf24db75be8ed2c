import type { ExplainedIssue } from "../../core/explain-queue.js";
import type { PeekResult, TaskView } from "../../core/peek.js";
import { SCHEMA_VERSION, type SchemaVersion } from "./schema-version.js";

/** A queued task as `peek --json` and `status --json` show it. */
export type TaskJson = TaskView;

/** `peek --json` (design §4): the next task, the first N with `-n`, and the queue's depth. */
export interface PeekJson {
  schemaVersion: SchemaVersion;
  task: TaskJson | null;
  /** Only with `-n N` (N > 1). */
  tasks?: TaskJson[];
  /** Exact, or null where counting would break the request bounds (design §9). */
  queueDepth: number | null;
  /** Only with `--explain`: the first queued issues (at least five), each with why it stands there. */
  explain?: ExplainedIssue[];
}

export function peekJson(result: PeekResult, list: boolean): PeekJson {
  return {
    schemaVersion: SCHEMA_VERSION,
    task: result.task,
    ...(list ? { tasks: result.tasks } : {}),
    queueDepth: result.queueDepth,
    ...(result.explained ? { explain: result.explained } : {}),
  };
}
