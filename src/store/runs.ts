import { z } from "zod";
import type { NewRun, Run, RunOutcome } from "../core/store-port.js";
import { RUN_OUTCOMES } from "../core/store-port.js";
import { StoreError } from "../errors/index.js";
import { redactText, redactValue } from "../domain/redact-secrets.js";
import { isoDate, jsonObject, jsonText, optional, parseRow, toIso } from "./rows.js";
import { immediate, type StoreContext } from "./store-context.js";

const runRow = z
  .object({
    id: z.string(),
    agent_id: z.string(),
    host: z.string(),
    pid: z.number().int(),
    repository: z.string(),
    started_at: isoDate,
    finished_at: optional(isoDate),
    outcome: z.enum(RUN_OUTCOMES),
    reason: optional(z.string()),
    options: jsonText(jsonObject),
  })
  .transform((row): Run => ({
    id: row.id,
    agentId: row.agent_id,
    host: row.host,
    pid: row.pid,
    repository: row.repository,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    outcome: row.outcome,
    reason: row.reason,
    options: row.options,
  }));

function toRun(row: unknown): Run {
  return parseRow(runRow, row, "run");
}

export function startRun(ctx: StoreContext, run: NewRun): Run {
  const id = run.id ?? ctx.newId();
  const options = redactValue(run.options ?? {}, ctx.secrets);
  ctx.db
    .prepare(
      `INSERT INTO runs (id, agent_id, host, pid, repository, started_at, outcome, options)
       VALUES (?, ?, ?, ?, ?, ?, 'running', ?)`,
    )
    .run(id, run.agentId, run.host, run.pid, run.repository, toIso(ctx.now()), JSON.stringify(options));
  return getRun(ctx, id) ?? missing(id);
}

export function getRun(ctx: StoreContext, id: string): Run | undefined {
  const row = ctx.db.prepare(`SELECT * FROM runs WHERE id = ?`).get(id);
  return row === undefined ? undefined : toRun(row);
}

export function finishRun(
  ctx: StoreContext,
  id: string,
  outcome: Exclude<RunOutcome, "running">,
  reason?: string,
): Run {
  ctx.db
    .prepare(`UPDATE runs SET outcome = ?, reason = ?, finished_at = ? WHERE id = ? AND outcome = 'running'`)
    .run(outcome, reason === undefined ? null : redactText(reason, ctx.secrets), toIso(ctx.now()), id);
  return getRun(ctx, id) ?? missing(id);
}

export function latestRun(ctx: StoreContext, agentId: string): Run | undefined {
  const row = ctx.db
    .prepare(`SELECT * FROM runs WHERE agent_id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1`)
    .get(agentId);
  return row === undefined ? undefined : toRun(row);
}

export function runsSince(ctx: StoreContext, since: Date): Run[] {
  return ctx.db
    .prepare(
      `SELECT * FROM runs WHERE started_at >= @since OR finished_at >= @since OR outcome = 'running'
       ORDER BY started_at, rowid`,
    )
    .all({ since: toIso(since) })
    .map(toRun);
}

export function markCrashedRuns(ctx: StoreContext, agentId: string, host: string): Run[] {
  return immediate(ctx, () => {
    const running = ctx.db
      .prepare(`SELECT * FROM runs WHERE agent_id = ? AND host = ? AND outcome = 'running' ORDER BY rowid`)
      .all(agentId, host)
      .map(toRun);
    const crashed = running.filter((run) => isGone(ctx, run));
    const mark = ctx.db.prepare(`UPDATE runs SET outcome = 'crashed', reason = ?, finished_at = ? WHERE id = ?`);
    const at = toIso(ctx.now());
    for (const run of crashed) mark.run(`process ${run.pid} on ${run.host} is gone`, at, run.id);
    return crashed.map((run) => getRun(ctx, run.id) ?? missing(run.id));
  });
}

function isGone(ctx: StoreContext, run: Run): boolean {
  // Our own pid under a run started before this process: the pid was reused (say, pid 1 in a
  // restarted container), so the process that ran it is gone.
  if (run.pid === ctx.self.pid) return run.startedAt < ctx.self.startedAt;
  return !ctx.isAlive(run.pid);
}

function missing(id: string): never {
  throw new StoreError(`no run ${id} in the store`);
}
