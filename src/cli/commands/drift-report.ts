import { readDriftReport, type DriftQuery } from "../../core/reports/drift-report.js";
import { parseSince } from "../../domain/parse-since.js";
import { ExitCode } from "../../errors/index.js";
import { createAppContext } from "../compose.js";
import type { CommandContext, DriftReportOptions } from "../program.js";
import { renderDriftReport } from "../render/render-drift-report.js";

export async function runDriftReport(options: DriftReportOptions, { globals, io, out }: CommandContext): Promise<number> {
  // A bad --since is a usage error before anything is opened.
  const query: DriftQuery = {
    since: options.since === undefined ? undefined : parseSince(options.since, new Date()),
    issueNumber: options.issue,
  };
  const app = await createAppContext(globals, io, out);
  // Read-only: a repository where the loop never ran has no store, and so no drift.
  const store = await app.store({ create: false });
  const report = readDriftReport(store, query);

  // `--now` (checking every current claim against GitHub and git right away) goes here: one
  // more call whose findings join the report before it is printed.

  if (out.json) out.printJson(report);
  else renderDriftReport(report, out, query);
  return ExitCode.ok;
}
