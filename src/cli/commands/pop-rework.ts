import { randomUUID } from "node:crypto";
import os from "node:os";
import { applyRework } from "../../core/rework/apply-rework.js";
import { planRework } from "../../core/rework/plan-rework.js";
import { planReworkWrites } from "../../core/rework/plan-rework-writes.js";
import { ExitCode, NothingToDoError } from "../../errors/index.js";
import type { CommandContext } from "../command-context.js";
import { createAppContext } from "../compose.js";
import { popReworkDryRunJson, popReworkJson } from "../json/pop-rework-json.js";
import { renderPopRework, renderPopReworkDryRun } from "../render/render-pop-rework.js";
import type { PopOptions } from "./pop.js";

/** `pop --rework`: the next of this agent's pull requests in review that needs rework, claimed and checked out. */
export async function runPopRework(options: PopOptions, { globals, io, out }: CommandContext): Promise<number> {
  const app = await createAppContext(globals, io, out);
  const git = app.requireGit();
  const tracker = await app.tracker();
  const review = await app.reviews();
  const agentId = app.config.agentId;
  try {
    const plan = await out.spin("Reading the pull requests in review…", async () =>
      planRework({
        tracker,
        review,
        git,
        store: await app.store({ create: false }),
        agentId,
        policy: app.config.review,
        issueNumber: options.issue,
        worktree: options.worktree,
      }),
    );
    if (options.dryRun) {
      const writes = planReworkWrites(plan, agentId);
      if (out.json) out.printJson(popReworkDryRunJson(plan, writes));
      else renderPopReworkDryRun(plan, writes, out);
      return ExitCode.ok;
    }
    const result = await out.spin("Claiming…", () =>
      applyRework(
        plan,
        { tracker, git, openWorkspace: app.openWorkspace },
        { agentId, host: os.hostname(), runId: randomUUID(), now: () => new Date() },
      ),
    );
    if (out.json) out.printJson(popReworkJson(result));
    else renderPopRework(result, agentId, out);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof NothingToDoError && out.json) {
      out.printJson(popReworkJson(null));
      out.notice(error.message);
      return error.exitCode;
    }
    throw error;
  }
}
