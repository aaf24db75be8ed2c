import { applyTakeoverPop } from "../../core/takeover/apply-takeover-pop.js";
import { planTakeoverPop } from "../../core/takeover/plan-takeover-pop.js";
import { ExitCode, NothingToDoError } from "../../errors/index.js";
import type { CommandContext } from "../command-context.js";
import { manualClaimIdentity } from "../manual-claim-identity.js";
import { createAppContext } from "../compose.js";
import { popTakeoverDryRunJson, popTakeoverJson } from "../json/pop-takeover-json.js";
import { renderTakeoverDryRun, renderTakeoverResult } from "../render/render-pop-takeover.js";
import type { PopOptions } from "./pop.js";

/** `pop --take-over-stale`: continue another agent's abandoned claim (design §3). */
export async function runPopTakeover(options: PopOptions, context: CommandContext): Promise<number> {
  const { globals, io, out } = context;
  const app = await createAppContext(globals, io, out);
  const git = app.requireGit();
  const tracker = await app.tracker();
  const agentId = app.config.agentId;
  try {
    const plan = await out.spin("Looking for stale claims…", () =>
      planTakeoverPop({
        tracker,
        git,
        agentId,
        baseBranch: app.config.baseBranch,
        worktree: options.worktree,
        now: new Date(),
        leaseMinutes: app.config.autonomous.leaseMinutes,
      }),
    );
    if (options.dryRun) {
      if (out.json) out.printJson(popTakeoverDryRunJson(plan));
      else renderTakeoverDryRun(plan, out);
      return ExitCode.ok;
    }
    const result = await out.spin("Taking over…", () =>
      applyTakeoverPop(plan, tracker, git, manualClaimIdentity(agentId, app.config.autonomous.manualLeaseHours)),
    );
    if (out.json) out.printJson(popTakeoverJson(result));
    else renderTakeoverResult(result, agentId, out);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof NothingToDoError && out.json) {
      out.printJson(popTakeoverJson(null));
      out.notice(error.message);
      return error.exitCode;
    }
    throw error;
  }
}
