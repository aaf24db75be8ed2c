import { attemptEndOf, isFailedAttempt, oneLine } from "../../domain/report/issue-outcome.js";
import { LABEL } from "../../domain/labels.js";
import type { WorkItem } from "../store-port.js";
import type { GitHubFacts, OurPull } from "./read-github-facts.js";
import type { Ledger, LedgerItem } from "./read-ledger.js";
import type { PullState, ReportEscalation, ReportPull, ReportRework } from "./report-types.js";

/** The window's events, read off the ledger and GitHub's facts: what the figures count. */
export interface ReportEvents {
  /** Deliveries (a pull request opened) in the window. */
  delivered: Array<{ item: WorkItem; at: Date }>;
  /** Attempts that failed or ended in an escalation with an error class. */
  failed: Array<{ item: WorkItem; at: Date; errorClass: string }>;
  escalations: ReportEscalation[];
  reworks: ReportRework[];
  /** Our pull requests merged in the window (GitHub's time). */
  merged: OurPull[];
  closed: OurPull[];
}

export function collectEvents(ledger: Ledger, github: GitHubFacts, window: { since: Date; until: Date }): ReportEvents {
  const inWindow = (at: Date | undefined) =>
    at !== undefined && at.getTime() >= window.since.getTime() && at.getTime() <= window.until.getTime();
  const endOf = (entry: LedgerItem) => attemptEndOf(entry.checkpoints.at(-1)?.detail);
  const delivered: ReportEvents["delivered"] = [];
  const failed: ReportEvents["failed"] = [];
  const escalations: ReportEscalation[] = [];
  const reworks: ReportRework[] = [];
  for (const entry of ledger.items) {
    const { item } = entry;
    const at = item.updatedAt;
    if (item.kind === "deliver" && item.state === "done") delivered.push({ item, at });
    const end = endOf(entry);
    if (isFailedAttempt(item.state, end)) failed.push({ item, at, errorClass: end.errorClass ?? "unknown" });
    if (item.state === "escalated") {
      const pr = item.kind === "deliver" ? null : (item.prNumber ?? null);
      const listed = github.humanOnly.get(pr ?? item.issueNumber);
      escalations.push({
        issue: item.issueNumber,
        pr,
        title:
          listed?.title ?? pullOf(github, item.issueNumber)?.pull.title ?? ledger.titleOf(item.issueNumber) ?? null,
        at: at.toISOString(),
        reason: oneLine(end.reason ?? "escalated"),
        errorClass: end.errorClass ?? null,
        stillHumanOnly: listed !== undefined,
      });
    }
    if (item.kind === "rework")
      reworks.push({
        issue: item.issueNumber,
        pr: item.prNumber ?? null,
        round: item.round ?? null,
        at: at.toISOString(),
        state: item.state,
      });
  }
  return {
    delivered,
    failed,
    escalations,
    reworks,
    merged: github.pulls.filter(({ pull }) => pull.merged && inWindow(pull.mergedAt)),
    closed: github.pulls.filter(({ pull }) => pull.state === "closed" && !pull.merged && inWindow(pull.closedAt)),
  };
}

/** An issue's pull request among ours, the newest when there were several. */
export function pullOf(github: GitHubFacts, issue: number): OurPull | undefined {
  return github.pulls.filter((entry) => entry.issue === issue).sort((a, b) => b.pull.number - a.pull.number)[0];
}

export function pullStateOf(pull: { state: "open" | "closed"; merged: boolean }): PullState {
  return pull.merged ? "merged" : pull.state;
}

/**
 * The pull requests worth listing: ours that were opened, merged or closed in the window, and
 * every one still open (a pull request opened last week and still waiting is news too).
 */
export function reportPulls(ledger: Ledger, github: GitHubFacts, window: { since: Date }): ReportPull[] {
  const since = window.since.getTime();
  const after = (at: Date | undefined) => at !== undefined && at.getTime() >= since;
  return github.pulls
    .filter(
      ({ pull }) => pull.state === "open" || after(pull.createdAt) || after(pull.mergedAt) || after(pull.closedAt),
    )
    .sort((a, b) => a.pull.number - b.pull.number)
    .map(({ pull, issue, agent }) => {
      const ci = github.ci.get(pull.number);
      return {
        number: pull.number,
        title: pull.title,
        url: pull.url,
        issue,
        agent,
        state: pullStateOf(pull),
        openedAt: pull.createdAt.toISOString(),
        mergedAt: pull.mergedAt?.toISOString() ?? null,
        closedAt: pull.closedAt?.toISOString() ?? null,
        humanOnly: pull.labels.includes(LABEL.humanOnly),
        checks: ci?.checks ?? null,
        review: ci?.review ?? null,
        failingChecks: ci?.failing ?? [],
        reworkRounds: ledger
          .attemptsFor(issue)
          .filter((item) => item.kind === "rework" && item.state === "done" && item.prNumber === pull.number).length,
      };
    });
}
