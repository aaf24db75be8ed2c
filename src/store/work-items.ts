import { z } from "zod";
import type {
  Checkpoint,
  ExpectedState,
  NewWorkItem,
  Transition,
  WorkItem,
  WorkItemFields,
} from "../core/store-port.js";
import { isTerminalState } from "../core/store-port.js";
import { StoreError } from "../errors/index.js";
import { redactValue } from "../domain/redact-secrets.js";
import { toIso, toJson } from "./rows.js";
import { immediate, type StoreContext } from "./store-context.js";
import { getWorkItem } from "./work-item-queries.js";
import { expectedStateSchema } from "./work-item-rows.js";

/** The next attempt at an issue, with its first checkpoint (no `from_state`), in one transaction. */
export function createWorkItem(ctx: StoreContext, item: NewWorkItem): WorkItem {
  return immediate(ctx, () => {
    requireRun(ctx, item.runId);
    const previous = ctx.db
      .prepare(`SELECT COALESCE(MAX(attempt), 0) FROM work_items WHERE issue_number = ?`)
      .pluck()
      .get(item.issueNumber);
    const attempt = Number(previous) + 1;
    const state = item.state ?? "reconcile";
    const at = toIso(ctx.now());
    const fields = columns(item);
    const { lastInsertRowid } = ctx.db
      .prepare(
        `INSERT INTO work_items (run_id, issue_number, kind, round, attempt, state, branch, head_sha, base_sha,
           pr_number, agent_pid, agent_pgid, claim_epoch, expected, cost_usd, input_tokens, output_tokens, created_at, updated_at)
         VALUES (@runId, @issueNumber, @kind, @round, @attempt, @state, @branch, @headSha, @baseSha,
           @prNumber, @agentPid, @agentPgid, @claimEpoch, @expected, @costUsd, @inputTokens, @outputTokens, @at, @at)`,
      )
      .run({
        ...fields,
        runId: item.runId,
        issueNumber: item.issueNumber,
        kind: item.kind ?? "deliver",
        round: item.round ?? null,
        attempt,
        state,
        at,
      });
    const id = Number(lastInsertRowid);
    appendCheckpoint(ctx, { workItemId: id, runId: item.runId, from: null, to: state, at, detail: item.detail });
    return getWorkItem(ctx, id) ?? missing(id);
  });
}

/**
 * Update the work item, then append the checkpoint, inside one IMMEDIATE transaction: a failure
 * in either leaves both as they were, and two processes cannot both move the same item.
 */
export function transition(ctx: StoreContext, workItemId: number, change: Transition): Checkpoint {
  return immediate(ctx, () => {
    const current = getWorkItem(ctx, workItemId) ?? missing(workItemId);
    if (isTerminalState(current.state)) {
      throw new StoreError(
        `work item ${workItemId} (issue #${current.issueNumber}, attempt ${current.attempt}) is already ${current.state}; ` +
          `it cannot move to ${change.to}`,
        { hint: "a terminal state is final: start a new attempt instead" },
      );
    }
    const runId = change.runId ?? current.runId;
    if (change.runId !== undefined) requireRun(ctx, runId);
    const at = toIso(ctx.now());
    const merged = columns({
      branch: keep(change.branch, current.branch),
      headSha: keep(change.headSha, current.headSha),
      baseSha: keep(change.baseSha, current.baseSha),
      prNumber: keep(change.prNumber, current.prNumber),
      agentPid: keep(change.agentPid, current.agentPid),
      agentPgid: keep(change.agentPgid, current.agentPgid),
      claimEpoch: keep(change.claimEpoch, current.claimEpoch),
      expected: keep(change.expected, current.expected),
      spend: keep(change.spend, current.spend),
    });
    ctx.db
      .prepare(
        `UPDATE work_items SET state = @state, branch = @branch, head_sha = @headSha, base_sha = @baseSha,
           pr_number = @prNumber, agent_pid = @agentPid, agent_pgid = @agentPgid, claim_epoch = @claimEpoch,
           expected = @expected, cost_usd = @costUsd, input_tokens = @inputTokens, output_tokens = @outputTokens,
           updated_at = @at
         WHERE id = @id`,
      )
      .run({ ...merged, state: change.to, at, id: workItemId });
    return appendCheckpoint(ctx, {
      workItemId,
      runId,
      from: current.state,
      to: change.to,
      at,
      detail: change.detail,
    });
  });
}

interface NewCheckpoint {
  workItemId: number;
  runId: string;
  from: Checkpoint["toState"] | null;
  to: Checkpoint["toState"];
  at: string;
  detail: Checkpoint["detail"];
}

function appendCheckpoint(ctx: StoreContext, c: NewCheckpoint): Checkpoint {
  const detail = redactValue(c.detail, ctx.secrets);
  const { lastInsertRowid } = ctx.db
    .prepare(
      `INSERT INTO checkpoints (work_item_id, run_id, from_state, to_state, at, detail) VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(c.workItemId, c.runId, c.from, c.to, c.at, toJson(detail));
  return {
    id: Number(lastInsertRowid),
    workItemId: c.workItemId,
    runId: c.runId,
    fromState: c.from ?? undefined,
    toState: c.to,
    at: new Date(c.at),
    detail,
  };
}

/** `undefined` keeps the current value; `null` clears it. */
function keep<T>(next: T | null | undefined, current: T | undefined): T | null {
  if (next === undefined) return current ?? null;
  return next;
}

function columns(fields: WorkItemFields): Record<string, string | number | null> {
  return {
    branch: fields.branch ?? null,
    headSha: fields.headSha ?? null,
    baseSha: fields.baseSha ?? null,
    prNumber: fields.prNumber ?? null,
    agentPid: fields.agentPid ?? null,
    agentPgid: fields.agentPgid ?? null,
    claimEpoch: fields.claimEpoch ?? null,
    expected: fields.expected ? toJson(checkExpected(fields.expected)) : null,
    costUsd: fields.spend?.costUsd ?? null,
    inputTokens: fields.spend ? Math.round(fields.spend.inputTokens) : null,
    outputTokens: fields.spend ? Math.round(fields.spend.outputTokens) : null,
  };
}

/** Refused at the write, so the drift checks never meet a malformed expected state later. */
function checkExpected(expected: ExpectedState): ExpectedState {
  const result = expectedStateSchema.safeParse(expected);
  if (result.success) return result.data;
  throw new StoreError(`invalid expected state: ${z.prettifyError(result.error)}`, { cause: result.error });
}

function requireRun(ctx: StoreContext, runId: string): void {
  const found = ctx.db.prepare(`SELECT 1 FROM runs WHERE id = ?`).get(runId);
  if (found === undefined) throw new StoreError(`no run ${runId} in the store`);
}

function missing(id: number): never {
  throw new StoreError(`no work item ${id} in the store`);
}
