import { buildReport } from "./build-report.js";
import { readGitHubFacts, type ReportGitHub } from "./read-github-facts.js";
import { readLedger, type ReportStore } from "./read-ledger.js";
import type { Report } from "./report-types.js";

/** Open pull requests whose CI and reviews a report reads, at most (design §4 "The report"). */
const DEFAULT_CI_LIMIT = 10;

export interface ReadReportOptions extends ReportGitHub {
  /** undefined: no store here (the loop never ran), an empty ledger. */
  store: ReportStore | undefined;
  /** `owner/name`. */
  repository: string;
  since: Date;
  now: Date;
  ciLimit?: number;
}

/**
 * `report` (design §4 "The report"): the ledger's window read from the store, checked against GitHub in
 * a bounded number of requests, assembled into one data object. Never prints.
 */
export async function readReport(options: ReadReportOptions): Promise<Report> {
  const ciLimit = options.ciLimit ?? DEFAULT_CI_LIMIT;
  const ledger = readLedger(options.store, options.since);
  const github = await readGitHubFacts(options, ledger, ciLimit);
  return buildReport(
    { repository: options.repository, since: options.since, until: options.now, ciLimit },
    ledger,
    github,
  );
}
