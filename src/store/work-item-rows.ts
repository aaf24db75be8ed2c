import { z } from "zod";
import type { Checkpoint, ExpectedState, WorkItem } from "../core/store-port.js";
import { WORK_ITEM_STATES, WORK_KINDS } from "../core/store-port.js";
import { isoDate, jsonObject, jsonText, optional, parseRow } from "./rows.js";

const state = z.enum(WORK_ITEM_STATES);
const int = z.number().int();

export const expectedStateSchema: z.ZodType<ExpectedState> = z.object({
  issueNumber: int,
  login: z.string().optional(),
  agentLabel: z.string().optional(),
  epoch: int.optional(),
  branch: z.string().optional(),
  headSha: z.string().optional(),
  prNumber: int.optional(),
  baseSha: z.string().optional(),
  pushedSha: z.string().optional(),
});

const workItemRow = z
  .object({
    id: int,
    run_id: z.string(),
    issue_number: int,
    kind: z.enum(WORK_KINDS),
    round: optional(int),
    attempt: int.min(1),
    state,
    branch: optional(z.string()),
    head_sha: optional(z.string()),
    base_sha: optional(z.string()),
    pr_number: optional(int),
    agent_pid: optional(int),
    agent_pgid: optional(int),
    claim_epoch: optional(int),
    expected: optional(jsonText(expectedStateSchema)),
    cost_usd: optional(z.number().nonnegative()),
    input_tokens: optional(int.nonnegative()),
    output_tokens: optional(int.nonnegative()),
    created_at: isoDate,
    updated_at: isoDate,
  })
  .transform((row): WorkItem => ({
    id: row.id,
    runId: row.run_id,
    kind: row.kind,
    round: row.round,
    issueNumber: row.issue_number,
    attempt: row.attempt,
    state: row.state,
    branch: row.branch,
    headSha: row.head_sha,
    baseSha: row.base_sha,
    prNumber: row.pr_number,
    agentPid: row.agent_pid,
    agentPgid: row.agent_pgid,
    claimEpoch: row.claim_epoch,
    expected: row.expected,
    // The token columns are written together; a cost may be missing (Codex reports none).
    spend:
      row.input_tokens === undefined
        ? undefined
        : { costUsd: row.cost_usd ?? null, inputTokens: row.input_tokens, outputTokens: row.output_tokens ?? 0 },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));

const checkpointRow = z
  .object({
    id: int,
    work_item_id: int,
    run_id: z.string(),
    from_state: optional(state),
    to_state: state,
    at: isoDate,
    detail: optional(jsonText(jsonObject)),
  })
  .transform((row): Checkpoint => ({
    id: row.id,
    workItemId: row.work_item_id,
    runId: row.run_id,
    fromState: row.from_state,
    toState: row.to_state,
    at: row.at,
    detail: row.detail,
  }));

export function toWorkItem(row: unknown): WorkItem {
  return parseRow(workItemRow, row, "work item");
}

export function toCheckpoint(row: unknown): Checkpoint {
  return parseRow(checkpointRow, row, "checkpoint");
}
