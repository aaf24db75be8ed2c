import { readRecoveryReport, type RecoveryQuery } from "../../core/reports/recovery-report.js";
import { parseSince } from "../../domain/parse-since.js";
import { ExitCode } from "../../errors/index.js";
import { createAppContext } from "../compose.js";
import { recoveryReportJson } from "../json/recovery-report-json.js";
import type { CommandContext } from "../command-context.js";
import { renderRecoveryReport } from "../render/render-recovery-report.js";

export interface RecoveryReportOptions {
  /** As typed: a duration back from now (`24h`) or an ISO date; the handler parses it. */
  since?: string;
}

export async function runRecoveryReport(
  options: RecoveryReportOptions,
  { globals, io, out }: CommandContext,
): Promise<number> {
  // A bad --since is a usage error before anything is opened.
  const query: RecoveryQuery = {
    since: options.since === undefined ? undefined : parseSince(options.since, new Date()),
  };
  const app = await createAppContext(globals, io, out);
  // Read-only: a repository where the loop never ran has no store, and so no recovery.
  const store = await app.store({ create: false });
  const report = readRecoveryReport(store, query);
  if (out.json) out.printJson(recoveryReportJson(report));
  else renderRecoveryReport(report, out, query);
  return ExitCode.ok;
}
