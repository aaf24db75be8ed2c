import os from "node:os";
import { readLoopState } from "../../core/status/read-loop-state.js";
import { readStatus } from "../../core/status/read-status.js";
import { isProcessAlive } from "../../store/process-alive.js";
import { ExitCode } from "../../errors/index.js";
import { createAppContext } from "../compose.js";
import { statusJson } from "../json/status-json.js";
import type { CommandContext } from "../command-context.js";
import { appendStepSummary } from "../step-summary.js";
import { renderStatus } from "../render/render-status.js";
import { renderStatusSummary } from "../render/render-status-summary.js";

export interface StatusOptions {
  check: boolean;
}

export async function runStatus(options: StatusOptions, { globals, io, out }: CommandContext): Promise<number> {
  const app = await createAppContext(globals, io, out);
  const tracker = await app.tracker();
  const review = await app.reviews();
  const repository = app.requireRepository();
  const store = await app.store({ create: false });
  const autonomous = readLoopState({
    store,
    agentId: app.config.agentId,
    repository: `${repository.owner}/${repository.repo}`,
    host: os.hostname(),
    now: new Date(),
    isProcessAlive,
    leaseMinutes: app.config.autonomous.leaseMinutes,
  });
  const report = await out.spin("Reading status from GitHub…", () =>
    readStatus({
      autonomous,
      tracker,
      review,
      policy: app.config.review,
      store,
      git: app.git,
      agentId: app.config.agentId,
      baseBranch: app.config.baseBranch,
      leaseMinutes: app.config.autonomous.leaseMinutes,
      now: () => new Date(),
    }),
  );
  if (out.json) out.printJson(statusJson(report));
  else renderStatus(report, out);

  // In GitHub Actions, the run's summary page shows the same report.
  await appendStepSummary(io.env, renderStatusSummary(report));

  if (options.check && report.problems.length > 0) {
    if (!out.json)
      out.notice(`status --check: ${report.problems.length} problem${report.problems.length === 1 ? "" : "s"} found`);
    return ExitCode.checkFailed;
  }
  return ExitCode.ok;
}
