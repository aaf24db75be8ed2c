import { applyPop } from "../../core/pop/apply-pop.js";
import { planPop } from "../../core/pop/plan-pop.js";
import { planPopWrites } from "../../core/pop/plan-pop-writes.js";
import { ExitCode, LostEveryRaceError, NothingToDoError } from "../../errors/index.js";
import { createAppContext } from "../compose.js";
import { popDryRunJson, popJson } from "../json/pop-json.js";
import type { CommandContext } from "../command-context.js";
import { manualClaimIdentity } from "../manual-claim-identity.js";
import { renderPopDryRun, renderPopResult } from "../render/render-pop.js";

export interface PopOptions {
  issue?: number;
  worktree: boolean;
  dryRun: boolean;
  /** Claim this agent's next pull request in review that needs rework, instead of an issue. */
  rework: boolean;
  /** Take over another agent's stale claim (its lease expired), instead of an issue from the queue. */
  takeOverStale: boolean;
}

export async function runPop(options: PopOptions, context: CommandContext): Promise<number> {
  if (options.rework) return (await import("./pop-rework.js")).runPopRework(options, context);
  if (options.takeOverStale) return (await import("./pop-takeover.js")).runPopTakeover(options, context);
  const { globals, io, out } = context;
  const app = await createAppContext(globals, io, out);
  const git = app.requireGit();
  const tracker = await app.tracker();
  const agentId = app.config.agentId;
  try {
    const plan = await out.spin("Reading the queue…", () =>
      planPop({
        tracker,
        git,
        agentId,
        baseBranch: app.config.baseBranch,
        issueNumber: options.issue,
        worktree: options.worktree,
      }),
    );
    if (options.dryRun) {
      const writes = planPopWrites(plan, agentId);
      if (out.json) out.printJson(popDryRunJson(plan, agentId, writes));
      else renderPopDryRun(plan, writes, out);
      return ExitCode.ok;
    }
    const result = await out.spin("Claiming…", () =>
      applyPop(plan, tracker, git, manualClaimIdentity(agentId, app.config.autonomous.manualLeaseHours)),
    );
    if (out.json) out.printJson(popJson(result));
    else renderPopResult(result, agentId, plan.baseBranch, out);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof NothingToDoError && out.json) {
      out.printJson(popJson(null));
      out.notice(error.message);
      return error.exitCode;
    }
    // Still a JSON answer on stdout, so a script can tell contention from an empty queue; the error line follows.
    if (error instanceof LostEveryRaceError && out.json) out.printJson(popJson(null, error.lostTo));
    throw error;
  }
}
