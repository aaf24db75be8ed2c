import { existsSync } from "node:fs";
import os from "node:os";
import { isProcessGroupAlive } from "../../autonomous/agent/kill-process-group.js";
import {
  applyLocalClear,
  planLocalClear,
  type ClearedCounts,
  type LocalClearPlan,
  type LocalScope,
} from "../../core/reset/clear-local.js";
import { ExitCode, NothingToDoError } from "../../errors/index.js";
import { countLocalState } from "../../store/count-local-state.js";
import { isProcessAlive } from "../../store/process-alive.js";
import { createAppContext } from "../compose.js";
import { canAsk, confirm } from "../confirm.js";
import type { CommandContext } from "../command-context.js";
import type { ResetOptions } from "./reset.js";
import { localResetJson } from "../json/reset-json.js";
import { describeCleared, renderLocalReset } from "../render/render-local-reset.js";

const NOTHING: Record<LocalScope, ClearedCounts> = {
  state: { runs: 0, workItems: 0, checkpoints: 0 },
  recoveries: { recoveries: 0 },
};

/** `reset --state-only` / `reset --recovery-only`: local records only; no GitHub request is made. */
export async function runLocalReset(
  scope: LocalScope,
  options: ResetOptions,
  { globals, io, out }: CommandContext,
): Promise<number> {
  const app = await createAppContext(globals, io, out);
  let plan: LocalClearPlan;
  // Checked first: opening creates the file, and a reset should not be what creates state.
  const store = existsSync(app.config.databasePath) ? await app.store({ create: false }) : undefined;
  try {
    if (!store)
      throw new NothingToDoError("no autonomous state here: `spawn --autonomous` never ran in this repository");
    const { owner, repo } = app.requireRepository();
    plan = planLocalClear(
      store,
      countLocalState(app.config.databasePath),
      { scope, key: { repository: `${owner}/${repo}`, agentId: app.config.agentId } },
      {
        host: os.hostname(),
        now: new Date(),
        isProcessAlive,
        isProcessGroupAlive,
        staleAfterMs: app.config.autonomous.leaseMinutes * 60_000,
      },
    );
  } catch (error) {
    if (error instanceof NothingToDoError && out.json) {
      out.printJson(localResetJson(scope, NOTHING[scope], { dryRun: options.dryRun }));
      out.notice(error.message);
      return error.exitCode;
    }
    throw error;
  }

  const { counts } = plan;
  for (const pgid of plan.untrackedAgents) {
    out.warn(
      `an agent left by a killed loop is still running (process group ${pgid}); once the state is cleared no restart stops it: kill -TERM -- -${pgid}`,
    );
  }
  if (options.dryRun) {
    if (out.json) out.printJson(localResetJson(scope, counts, { dryRun: true }));
    else renderLocalReset(scope, counts, out, true);
    return ExitCode.ok;
  }
  if (
    !options.yes &&
    canAsk(io) &&
    !(await confirm(io, `Delete ${describeCleared(counts)}? Nothing on GitHub changes. [y/N]`))
  ) {
    if (out.json) out.printJson(localResetJson(scope, NOTHING[scope], { dryRun: false, cancelled: true }));
    else out.line("Nothing changed.");
    return ExitCode.ok;
  }
  const cleared = applyLocalClear(store, scope);
  if (out.json) out.printJson(localResetJson(scope, cleared, { dryRun: false }));
  else renderLocalReset(scope, cleared, out, false);
  return ExitCode.ok;
}
