import { readDriftReport, type DriftQuery } from "../../core/reports/drift-report.js";
import { parseSince } from "../../domain/parse-since.js";
import { ExitCode } from "../../errors/index.js";
import { createAppContext } from "../compose.js";
import { driftReportJson } from "../json/drift-report-json.js";
import type { CommandContext } from "../command-context.js";
import { renderClaimChecks } from "../render/render-claim-checks.js";
import { renderDriftReport } from "../render/render-drift-report.js";

export interface DriftReportOptions {
  /** As typed: a duration back from now (`24h`) or an ISO date; the handler parses it. */
  since?: string;
  issue?: number;
  /** Also check every current claim against GitHub and git right away. */
  now?: boolean;
}

export async function runDriftReport(
  options: DriftReportOptions,
  { globals, io, out }: CommandContext,
): Promise<number> {
  // A bad --since is a usage error before anything is opened.
  const query: DriftQuery = {
    since: options.since === undefined ? undefined : parseSince(options.since, new Date()),
    issueNumber: options.issue,
  };
  const app = await createAppContext(globals, io, out);
  // Read-only: a repository where the loop never ran has no store, and so no drift.
  const store = await app.store({ create: false });
  const report = readDriftReport(store, query);

  if (options.now) {
    const { checkClaimsNow } = await import("../../autonomous/drift/check-claims-now.js");
    const tracker = await app.tracker();
    const checks = await out.spin("Checking current claims…", () =>
      checkClaimsNow({ tracker, git: app.git, store }, app.config.agentId, app.config.autonomous.maxCommitsBehindBase),
    );
    const now = checks.filter((check) => query.issueNumber === undefined || check.issue === query.issueNumber);
    if (out.json) {
      out.printJson(driftReportJson(report, now));
      return ExitCode.ok;
    }
    renderDriftReport(report, out, query);
    renderClaimChecks(now, app.config.agentId, out);
    return ExitCode.ok;
  }

  if (out.json) out.printJson(driftReportJson(report));
  else renderDriftReport(report, out, query);
  return ExitCode.ok;
}
