import { randomUUID } from "node:crypto";
import os from "node:os";
import { applyPop } from "../../core/pop/apply-pop.js";
import { describePopWrites } from "../../core/pop/describe-pop-writes.js";
import { planPop } from "../../core/pop/plan-pop.js";
import { branchFor } from "../../domain/branch-name.js";
import { ExitCode, NothingToDoError } from "../../errors/index.js";
import { createAppContext } from "../compose.js";
import type { CommandContext, PopOptions } from "../program.js";
import { renderPopDryRun, renderPopResult } from "../render/render-pop.js";

export async function runPop(options: PopOptions, { globals, io, out }: CommandContext): Promise<number> {
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
      const first = plan.candidates[0];
      const writes = describePopWrites(plan, agentId);
      if (out.json) {
        out.printJson({
          schemaVersion: 1,
          dryRun: true,
          claimed: null,
          wouldClaim: first
            ? { number: first.number, title: first.title, branch: branchFor(agentId, first), url: first.url }
            : null,
          writes,
        });
      } else renderPopDryRun(plan, writes, out);
      return ExitCode.ok;
    }
    const result = await out.spin("Claiming…", () =>
      applyPop(plan, tracker, git, { agentId, host: os.hostname(), runId: randomUUID(), now: () => new Date() }),
    );
    if (out.json) {
      out.printJson({
        schemaVersion: 1,
        claimed: {
          number: result.number,
          title: result.title,
          branch: result.branch,
          url: result.url,
          workdir: result.workdir,
        },
      });
    } else renderPopResult(result, agentId, plan.baseBranch, out);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof NothingToDoError && out.json) {
      out.printJson({ schemaVersion: 1, claimed: null });
      out.notice(error.message);
      return error.exitCode;
    }
    throw error;
  }
}
