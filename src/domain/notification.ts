import type { ReportSummary } from "./report/report-summary.js";

/**
 * The one message the loop posts to `[notify] webhook_url` (design §5 "Notifications"). Slack reads
 * `text` alone; every other receiver gets the structured fields beside it. The shape is versioned
 * (`schemaVersion`): fields are only ever added. docs/autonomous.md documents it.
 */

export const NOTIFICATION_SCHEMA_VERSION = 1;

export const NOTIFICATION_EVENTS = ["escalation", "budget-stop", "quota-pause", "run-finished"] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export interface NotificationIssue {
  number: number;
  title: string;
  url: string;
}

/** What a finished run did, for `run-finished` (summarised from the run's own records). */
export interface RunSummary {
  outcome: "completed" | "stopped" | "failed";
  reason: string;
  exitCode: number;
  durationMs: number;
  /** Issues delivered as pull requests. */
  issuesDone: number;
  pullRequestsOpened: number;
  reworked: number;
  landed: number;
  escalated: number;
  abandoned: number;
  /** Attempts that failed (the agent, the evidence or the verify command), the last of an escalated issue included. */
  failedAttempts: number;
  /** What the agents reported spending in this run; null when none reported a cost. */
  costUsd: number | null;
  issues: Array<{
    number: number;
    kind: "deliver" | "rework" | "land";
    outcome: "done" | "escalated" | "abandoned";
    pullRequest: { number: number; url: string } | null;
    reason: string | null;
  }>;
  /**
   * `report --since <the run's start>` in one line and its figures (what needs people included);
   * null when it could not be read in time (GitHub unreachable at the end of the run, say).
   */
  report: ReportSummary | null;
}

export interface Notification {
  /** A readable one-liner (Slack mrkdwn-safe): emoji, what happened, the issue and its link. */
  text: string;
  event: NotificationEvent;
  /** owner/name */
  repository: string;
  agent: string;
  issue: NotificationIssue | null;
  /** For a pull request handed to people (review phase): its number. */
  pullRequest: number | null;
  reason: string;
  run: { id: string; startedAt: string };
  /** `quota-pause`: when the loop takes the work up again (ISO 8601). */
  until: string | null;
  /** `run-finished` only. */
  summary: RunSummary | null;
  /** ISO 8601, UTC. */
  at: string;
  schemaVersion: typeof NOTIFICATION_SCHEMA_VERSION;
}

export interface NotificationInput {
  event: NotificationEvent;
  repository: string;
  agent: string;
  run: { id: string; startedAt: Date };
  at: Date;
  reason: string;
  issue?: NotificationIssue;
  pullRequest?: number;
  until?: Date;
  summary?: RunSummary;
}

/** The message for one event; `text` is built from the same fields. */
export function buildNotification(input: NotificationInput): Notification {
  return {
    text: notificationText(input),
    event: input.event,
    repository: input.repository,
    agent: input.agent,
    issue: input.issue ?? null,
    pullRequest: input.pullRequest ?? null,
    reason: input.reason,
    run: { id: input.run.id, startedAt: input.run.startedAt.toISOString() },
    until: input.until?.toISOString() ?? null,
    summary: input.summary ?? null,
    at: input.at.toISOString(),
    schemaVersion: NOTIFICATION_SCHEMA_VERSION,
  };
}

const EMOJI: Record<NotificationEvent, string> = {
  escalation: "🙋",
  "budget-stop": "💸",
  "quota-pause": "⏸️",
  "run-finished": "🥤",
};

function notificationText(input: NotificationInput): string {
  const { agent, repository, issue } = input;
  const about = issue ? `#${issue.number} “${slack(issue.title)}”` : undefined;
  const link = issue ? ` ${issue.url}` : "";
  const reason = slack(input.reason);
  const what = (() => {
    switch (input.event) {
      case "escalation":
        return input.pullRequest !== undefined
          ? `${agent} handed PR #${input.pullRequest} (${about}) to a person: ${reason}`
          : `${agent} handed ${about} to a person: ${reason}`;
      case "budget-stop":
        return about
          ? `${agent} stopped ${about} at its spend limit and handed it to a person: ${reason}`
          : `${agent} stops taking work: ${reason}`;
      case "quota-pause":
        return `${agent} paused ${about ?? "its work"} until ${input.until?.toISOString() ?? "the quota resets"}: ${reason}`;
      case "run-finished": {
        const report = input.summary?.report ? `\n${slack(input.summary.report.text)}` : "";
        return `${agent}'s run ${input.summary?.outcome ?? "finished"} (${reason}): ${summaryWords(input.summary)}${report}`;
      }
    }
  })();
  return `${EMOJI[input.event]} [${repository}] ${what}${link}`;
}

function summaryWords(summary: RunSummary | undefined): string {
  if (!summary) return "no summary";
  const counts: Array<[number, string]> = [
    [summary.issuesDone, "done"],
    [summary.pullRequestsOpened, summary.pullRequestsOpened === 1 ? "PR opened" : "PRs opened"],
    [summary.reworked, "reworked"],
    [summary.landed, "landed"],
    [summary.escalated, "escalated"],
    [summary.abandoned, "abandoned"],
    [summary.failedAttempts, summary.failedAttempts === 1 ? "failed attempt" : "failed attempts"],
  ];
  const said = counts.filter(([count]) => count > 0).map(([count, word]) => `${count} ${word}`);
  const cost = summary.costUsd === null ? [] : [`$${summary.costUsd.toFixed(2)}`];
  return [...(said.length > 0 ? said : ["no issues handled"]), ...cost, duration(summary.durationMs)].join(", ");
}

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

/** Slack's mrkdwn treats `&`, `<` and `>` as markup: escaped, an issue title cannot forge a link or a mention. */
function slack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
