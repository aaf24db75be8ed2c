import { ISSUE_OUTCOMES, issueOutcome, totalCostUsd, type IssueOutcome } from "../../domain/report/issue-outcome.js";
import { bucketUnitFor } from "../../domain/report/time-buckets.js";
import { timeInState } from "../../domain/report/time-in-state.js";
import { summariseDrifts } from "../reports/drift-report.js";
import { countBy, rankCounts } from "../reports/rank-counts.js";
import { summariseRecoveries } from "../reports/recovery-report.js";
import { findNeedsYou } from "./needs-you.js";
import type { GitHubFacts } from "./read-github-facts.js";
import type { Ledger, LedgerItem } from "./read-ledger.js";
import { collectEvents, pullOf, pullStateOf, reportPulls, type ReportEvents } from "./report-events.js";
import { agentOf, cycleTimeOf, seriesOf, throughputOf } from "./report-timing.js";
import type { Report, ReportIssue } from "./report-types.js";

/** Assemble the report from what was read; pure, so every figure is testable from plain data. */
export function buildReport(
  input: { repository: string; since: Date; until: Date; ciLimit: number },
  ledger: Ledger,
  github: GitHubFacts,
): Report {
  const window = { since: input.since, until: input.until };
  const windowMs = input.until.getTime() - input.since.getTime();
  const bucket = bucketUnitFor(windowMs);
  const events = collectEvents(ledger, github, window);
  const issues = issuesOf(ledger, github, events, window);
  const needsYou = findNeedsYou(ledger, github, window);
  const pulls = reportPulls(ledger, github, window);
  const outcomes = Object.fromEntries(ISSUE_OUTCOMES.map((outcome) => [outcome, 0])) as Record<IssueOutcome, number>;
  for (const issue of issues) outcomes[issue.outcome] += 1;
  const deliveredIssues = new Set(events.delivered.map(({ item }) => item.issueNumber));
  const openedPulls = new Set(events.delivered.flatMap(({ item }) => (item.prNumber ? [item.prNumber] : [])));
  const drifts = summariseDrifts(ledger.drifts);
  const recoveries = summariseRecoveries(ledger.recoveries);
  return {
    repository: input.repository,
    window: {
      since: input.since.toISOString(),
      until: input.until.toISOString(),
      hours: Math.round((windowMs / 3_600_000) * 100) / 100,
      bucket,
    },
    needsYou,
    totals: {
      issuesWorked: new Set(ledger.items.map(({ item }) => item.issueNumber)).size,
      issuesDelivered: deliveredIssues.size,
      prsOpened: openedPulls.size,
      prsMerged: events.merged.length,
      prsClosed: events.closed.length,
      escalations: events.escalations.length,
      reworkRounds: events.reworks.filter((rework) => rework.state === "done").length,
      failedAttempts: events.failed.length,
      drifts: drifts.total,
      recoveries: recoveries.total,
      needsYou: needsYou.length,
    },
    outcomes,
    issues,
    pulls,
    escalations: events.escalations,
    reworkRounds: events.reworks,
    failuresByClass: rankCounts(countBy(events.failed, (entry) => entry.errorClass)).map(([errorClass, count]) => ({
      errorClass,
      count,
    })),
    drifts,
    recoveries,
    throughput: { ...throughputOf(ledger, deliveredIssues.size, window), series: seriesOf(events, window, bucket) },
    cycleTime: cycleTimeOf(ledger, events),
    agent: agentOf(ledger.items, window),
    loopRuns: ledger.runs.map((run) => ({
      id: run.id,
      agentId: run.agentId,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      outcome: run.outcome,
      reason: run.reason ?? null,
    })),
    github: {
      requests: github.requests,
      pullsListed: github.pullsListed,
      morePulls: github.morePulls,
      ciRead: github.ci.size,
      ciSkipped: github.ciSkipped,
      ciLimit: input.ciLimit,
    },
  };
}

/**
 * One line per issue: those the loop worked on in the window, and those whose pull request a
 * person merged or closed in it. The outcome weighs every attempt, not only the window's.
 */
function issuesOf(
  ledger: Ledger,
  github: GitHubFacts,
  events: ReportEvents,
  window: { since: Date; until: Date },
): ReportIssue[] {
  const byIssue = new Map<number, LedgerItem[]>();
  for (const entry of ledger.items)
    byIssue.set(entry.item.issueNumber, [...(byIssue.get(entry.item.issueNumber) ?? []), entry]);
  for (const { issue } of [...events.merged, ...events.closed]) if (!byIssue.has(issue)) byIssue.set(issue, []);
  return [...byIssue.entries()]
    .sort(([a], [b]) => a - b)
    .map(([number, entries]) => {
      const ours = pullOf(github, number);
      const items = entries.map(({ item }) => item);
      const prNumber = ours?.pull.number ?? items.findLast((item) => item.prNumber !== undefined)?.prNumber ?? null;
      return {
        number,
        title: ours?.pull.title ?? github.humanOnly.get(number)?.title ?? ledger.titleOf(number) ?? null,
        outcome: issueOutcome({
          items: ledger.attemptsFor(number),
          pull: ours ? { state: ours.pull.state, merged: ours.pull.merged } : undefined,
        }),
        attempts: items.filter((item) => item.kind === "deliver").length,
        failedAttempts: events.failed.filter(({ item }) => item.issueNumber === number).length,
        reworkRounds: items.filter((item) => item.kind === "rework" && item.state === "done").length,
        pr: prNumber,
        prState: ours ? pullStateOf(ours.pull) : null,
        agentMs: entries.reduce(
          (total, { checkpoints }) => total + timeInState(checkpoints, "run-agent", window).ms,
          0,
        ),
        costUsd: totalCostUsd(items),
      };
    });
}
