import { applyReset } from "../../core/reset/apply-reset.js";
import { planReset, type ResetPlan } from "../../core/reset/plan-reset.js";
import { planResetWrites } from "../../core/reset/plan-reset-writes.js";
import { plannedOutcome, type ResetOutcome } from "../../core/reset/reset-outcome.js";
import { ExitCode, NothingToDoError } from "../../errors/index.js";
import { createAppContext } from "../compose.js";
import { canAsk, confirm } from "../confirm.js";
import type { CommandContext } from "../command-context.js";
import { nothingToResetJson, resetJson } from "../json/reset-json.js";
import { renderResetOutcome, renderResetPlan, renderResetWrites } from "../render/render-reset.js";
import { runLocalReset } from "./reset-local.js";

export interface ResetOptions {
  /** Release every agent's claims, not only this agent's. */
  all: boolean;
  dryRun: boolean;
  /** Do not ask for confirmation on a terminal. */
  yes: boolean;
  /** --state-only / --recovery-only: clear that local record instead, touching nothing on GitHub. */
  localOnly?: "state" | "recoveries";
}

const NOTHING_DONE: ResetOutcome = {
  released: [],
  kept: [],
  deletedBranches: [],
  checkedOut: null,
  branchesNotExamined: null,
};

export async function runReset(options: ResetOptions, { globals, io, out }: CommandContext): Promise<number> {
  // --state-only / --recovery-only clear local records and release no claim on GitHub.
  if (options.localOnly) return runLocalReset(options.localOnly, options, { globals, io, out });
  const app = await createAppContext(globals, io, out);
  const tracker = await app.tracker();
  let plan: ResetPlan;
  try {
    plan = await out.spin("Looking for claims…", () =>
      planReset({
        tracker,
        git: app.git,
        agentId: app.config.agentId,
        all: options.all,
        baseBranch: app.config.baseBranch,
      }),
    );
  } catch (error) {
    if (error instanceof NothingToDoError && out.json) {
      out.printJson(nothingToResetJson());
      out.notice(error.message);
      return error.exitCode;
    }
    throw error;
  }

  if (options.dryRun) {
    const writes = planResetWrites(plan);
    const outcome = plannedOutcome(plan);
    if (out.json) out.printJson(resetJson(outcome, { dryRun: true, writes }));
    else {
      renderResetOutcome(outcome, out, true);
      renderResetWrites(writes, out);
    }
    return ExitCode.ok;
  }

  if (!options.yes && canAsk(io)) {
    if (!out.json) renderResetPlan(plan, out);
    const count = plan.releases.length;
    if (!(await confirm(io, `Release ${count} claim${count === 1 ? "" : "s"}? [y/N]`))) {
      if (out.json) out.printJson(resetJson(NOTHING_DONE, { dryRun: false, cancelled: true }));
      else out.line("Nothing changed.");
      return ExitCode.ok;
    }
  }

  const outcome = await out.spin("Releasing…", () => applyReset(plan, tracker, app.git));
  if (out.json) out.printJson(resetJson(outcome, { dryRun: false }));
  else renderResetOutcome(outcome, out, false);
  return ExitCode.ok;
}
