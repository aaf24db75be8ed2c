import { writeFile } from "node:fs/promises";
import path from "node:path";
import { readReport } from "../../core/report/read-report.js";
import { summarizeReport } from "../../core/report/summarize-report.js";
import { parseSince } from "../../domain/parse-since.js";
import { ExitCode } from "../../errors/index.js";
import { createAppContext } from "../compose.js";
import type { CommandContext } from "../command-context.js";
import { reportJson } from "../json/report-json.js";
import { renderReport } from "../render/render-report.js";
import { renderReportHtml } from "../render/render-report-html.js";
import { renderReportMarkdown } from "../render/render-report-markdown.js";
import { appendStepSummary } from "../step-summary.js";

export interface ReportOptions {
  /** As typed: a duration back from now (`12h`, `7d`) or an ISO date; the handler parses it. */
  since: string;
  /** Markdown on stdout (and, in GitHub Actions, on the job's summary page). */
  markdown: boolean;
  /** Also write one self-contained HTML page here. */
  html?: string;
}

export async function runReport(options: ReportOptions, { globals, io, out }: CommandContext): Promise<number> {
  const now = new Date();
  // A bad --since is a usage error before anything is opened.
  const since = parseSince(options.since, now);
  const app = await createAppContext(globals, io, out);
  const repository = app.requireRepository();
  const [tracker, review] = [await app.tracker(), await app.reviews()];
  // Read-only: a repository where the loop never ran has no store, and an empty ledger.
  const store = await app.store({ create: false });
  const report = await out.spin("Reading the ledger and GitHub…", () =>
    readReport({ store, tracker, review, repository: `${repository.owner}/${repository.repo}`, since, now }),
  );

  let htmlFile: string | undefined;
  if (options.html !== undefined) {
    htmlFile = path.resolve(io.cwd, options.html);
    await writeFile(htmlFile, renderReportHtml(report), "utf8");
  }
  if (out.json) {
    out.printJson(reportJson(report, htmlFile));
  } else if (options.markdown) {
    const markdown = renderReportMarkdown(report);
    out.line(markdown.trimEnd());
    // In GitHub Actions the job's summary page shows the same report.
    await appendStepSummary(io.env, markdown);
  } else if (htmlFile) {
    out.line(`🌐 Report written to ${htmlFile}`);
    out.line(`   ${summarizeReport(report).text}`);
  } else {
    renderReport(report, out);
  }
  return ExitCode.ok;
}
