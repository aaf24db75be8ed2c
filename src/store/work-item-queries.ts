import type { Checkpoint, WorkItem } from "../core/store-port.js";
import { TERMINAL_STATES } from "../core/store-port.js";
import { toIso } from "./rows.js";
import { immediate, type StoreContext } from "./store-context.js";
import { toCheckpoint, toWorkItem } from "./work-item-rows.js";

const TERMINAL_LIST = TERMINAL_STATES.map((state) => `'${state}'`).join(", ");

export function getWorkItem(ctx: StoreContext, id: number): WorkItem | undefined {
  const row = ctx.db.prepare(`SELECT * FROM work_items WHERE id = ?`).get(id);
  return row === undefined ? undefined : toWorkItem(row);
}

export function unfinishedWorkItems(ctx: StoreContext, agentId: string): WorkItem[] {
  return ctx.db
    .prepare(
      `SELECT w.* FROM work_items w JOIN runs r ON r.id = w.run_id
       WHERE r.agent_id = ? AND w.state NOT IN (${TERMINAL_LIST})
       ORDER BY w.id DESC`,
    )
    .all(agentId)
    .map(toWorkItem);
}

export function latestCheckpoint(ctx: StoreContext, agentId?: string): Checkpoint | undefined {
  const row =
    agentId === undefined
      ? ctx.db.prepare(`SELECT * FROM checkpoints ORDER BY id DESC LIMIT 1`).get()
      : ctx.db
          .prepare(
            `SELECT c.* FROM checkpoints c JOIN runs r ON r.id = c.run_id
             WHERE r.agent_id = ? ORDER BY c.id DESC LIMIT 1`,
          )
          .get(agentId);
  return row === undefined ? undefined : toCheckpoint(row);
}

export function checkpointsOf(ctx: StoreContext, workItemId: number): Checkpoint[] {
  return ctx.db
    .prepare(`SELECT * FROM checkpoints WHERE work_item_id = ? ORDER BY id`)
    .all(workItemId)
    .map(toCheckpoint);
}

export function attemptsFor(ctx: StoreContext, issueNumber: number): WorkItem[] {
  return ctx.db
    .prepare(`SELECT * FROM work_items WHERE issue_number = ? ORDER BY attempt`)
    .all(issueNumber)
    .map(toWorkItem);
}

export function workItemsSince(ctx: StoreContext, since: Date): WorkItem[] {
  return ctx.db.prepare(`SELECT * FROM work_items WHERE updated_at >= ? ORDER BY id`).all(toIso(since)).map(toWorkItem);
}

/** `reset --state-only`: children first, so the foreign keys hold throughout. */
export function clearLocalState(ctx: StoreContext): { runs: number; workItems: number; checkpoints: number } {
  return immediate(ctx, () => {
    const checkpoints = ctx.db.prepare(`DELETE FROM checkpoints`).run().changes;
    const workItems = ctx.db.prepare(`DELETE FROM work_items`).run().changes;
    const runs = ctx.db.prepare(`DELETE FROM runs`).run().changes;
    return { runs, workItems, checkpoints };
  });
}
