import type { FailingCheck } from "./verdict.js";
import type { FailingCheckEntry } from "./summarise-checks.js";

/**
 * An Actions job's log, or why it could not be read. The same shape as the port's `JobLog`
 * (src/core/review-ports.ts), restated here because pure rules do not import ports.
 */
export type JobLogResult = { kind: "log"; text: string } | { kind: "unavailable"; reason: string };

export const LOG_TAIL_LINES = 80;
/** One minified bundle or base64 blob on a line would otherwise fill the prompt. */
const MAX_LINE_LENGTH = 400;

// Escape sequences for colour and cursor, as CI tools print them.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]/g;
/** Actions prefixes every log line with the time it was written: noise for the agent. */
const ACTIONS_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/;

/** The Actions jobs whose logs the caller should read before assessing: those of failing runs. */
export function jobLogsToRead(failing: readonly FailingCheckEntry[]): number[] {
  const ids = failing.flatMap((entry) => (entry.run?.actionsJobId === undefined ? [] : [entry.run.actionsJobId]));
  return [...new Set(ids)];
}

/**
 * What the agent is told about one failing check. The job log's tail comes first: it holds the
 * compiler or test output. Without it, the check's own text, then its summary; a status has only
 * its one-line description. When a log was wanted but could not be read, the note says so, so
 * the agent knows it sees less than the whole story.
 */
export function buildFailingCheck(entry: FailingCheckEntry, log: JobLogResult | undefined): FailingCheck {
  if (entry.status !== undefined)
    return {
      name: entry.name,
      conclusion: entry.conclusion,
      output: entry.status.description,
      source: "status-description",
      url: entry.status.targetUrl,
    };

  const run = entry.run;
  const url = run?.detailsUrl ?? "";
  if (log?.kind === "log" && log.text.trim() !== "")
    return { name: entry.name, conclusion: entry.conclusion, output: tailOf(log.text), source: "job-log", url };

  const [which, output] = ownOutputOf(run);
  const check: FailingCheck = { name: entry.name, conclusion: entry.conclusion, output, source: "check-output", url };
  const note = run?.actionsJobId === undefined ? undefined : noteFor(log, which);
  return note === undefined ? check : { ...check, note };
}

type OwnOutput = "output text" | "summary" | "title" | undefined;

function ownOutputOf(run: FailingCheckEntry["run"]): [OwnOutput, string] {
  if (run === undefined) return [undefined, ""];
  if (run.output.text.trim() !== "") return ["output text", tailOf(run.output.text)];
  if (run.output.summary.trim() !== "") return ["summary", tailOf(run.output.summary)];
  if (run.output.title.trim() !== "") return ["title", run.output.title.trim()];
  return [undefined, ""];
}

function noteFor(log: JobLogResult | undefined, which: OwnOutput): string {
  const why =
    log === undefined
      ? "The job log was not read"
      : log.kind === "unavailable"
        ? `The job log could not be read (${log.reason})`
        : "The job log was empty";
  return which === undefined
    ? `${why}, and the check left no output of its own.`
    : `${why}; the check's ${which} follows.`;
}

/** The last lines of a log, without colour codes or Actions timestamps, long lines cut. */
export function tailOf(text: string, lines = LOG_TAIL_LINES): string {
  return text
    .replace(/\r\n/g, "\n")
    .replace(ANSI, "")
    .trimEnd()
    .split("\n")
    .slice(-lines)
    .map((line) => {
      // A lone carriage return redraws the line (progress bars): keep what the terminal showed last.
      const shown = (line.split("\r").findLast((part) => part !== "") ?? "").replace(ACTIONS_TIMESTAMP, "");
      const chars = Array.from(shown);
      return chars.length > MAX_LINE_LENGTH ? `${chars.slice(0, MAX_LINE_LENGTH).join("")}…` : shown;
    })
    .join("\n");
}
