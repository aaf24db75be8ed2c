import { attemptEndOf, oneLine } from "../../domain/report/issue-outcome.js";
import type { WorkItem } from "../store-port.js";
import type { GitHubFacts, OurPull } from "./read-github-facts.js";
import type { Ledger } from "./read-ledger.js";
import { NEEDS_YOU_KINDS, type NeedsYouItem } from "./report-types.js";

/**
 * The top of the report: what a person has to act on now. Escalations count only while GitHub
 * still shows them `route:human-only` (someone may have dealt with them already); pull requests
 * by what GitHub says of their CI and reviews; the rest from the ledger.
 */
export function findNeedsYou(
  ledger: Ledger,
  github: GitHubFacts,
  window: { since: Date; until: Date },
): NeedsYouItem[] {
  const items: NeedsYouItem[] = [
    ...handedToPeople(ledger, github),
    ...spendStops(ledger),
    ...pullsWaiting(github),
    ...quotaPauses(ledger, window),
    ...ledger.trustRefusals.map((refusal): NeedsYouItem => ({
      kind: "trust-refused",
      issue: refusal.issueNumber,
      pr: null,
      title: ledger.titleOf(refusal.issueNumber) ?? null,
      url: null,
      reason: `the trust gate refused it: ${oneLine(refusal.reason)}`,
      at: refusal.at.toISOString(),
    })),
    ...unfinished(ledger),
  ];
  const rank = (item: NeedsYouItem) => NEEDS_YOU_KINDS.indexOf(item.kind);
  return items.sort((a, b) => rank(a) - rank(b) || (a.at ?? "").localeCompare(b.at ?? ""));
}

/** Escalated issues and pull requests handed over, still `route:human-only` on GitHub, with the loop's reason. */
function handedToPeople(ledger: Ledger, github: GitHubFacts): NeedsYouItem[] {
  const found: NeedsYouItem[] = [];
  for (const entry of github.humanOnly.values()) {
    if (entry.isPullRequest) {
      const ours = github.pulls.find(({ pull }) => pull.number === entry.number);
      if (!ours) continue;
      const item = latestEscalated(ledger.attemptsFor(ours.issue), (candidate) => candidate.prNumber === entry.number);
      if (!item) continue;
      found.push({
        kind: "handed-over",
        issue: ours.issue,
        pr: entry.number,
        title: entry.title,
        url: entry.url,
        reason: reasonOf(ledger, item, "handed to people"),
        at: item.updatedAt.toISOString(),
      });
      continue;
    }
    const attempts = ledger.attemptsFor(entry.number);
    const latest = attempts.at(-1);
    if (!latest || latest.state !== "escalated" || latest.kind !== "deliver") continue;
    found.push({
      kind: "escalated",
      issue: entry.number,
      pr: null,
      title: entry.title,
      url: entry.url,
      reason: reasonOf(ledger, latest, "escalated"),
      at: latest.updatedAt.toISOString(),
    });
  }
  return found;
}

function spendStops(ledger: Ledger): NeedsYouItem[] {
  return ledger.runs
    .filter((run) => run.reason?.startsWith("max_cost_usd_per_run"))
    .map((run) => ({
      kind: "spend-stop" as const,
      issue: null,
      pr: null,
      title: null,
      url: null,
      reason: `the loop stopped: ${oneLine(run.reason ?? "")}`,
      at: (run.finishedAt ?? run.startedAt).toISOString(),
    }));
}

/** Our open pull requests whose CI fails, with changes requested, or waiting for a first review. */
function pullsWaiting(github: GitHubFacts): NeedsYouItem[] {
  return github.pulls.flatMap(({ pull, issue }: OurPull): NeedsYouItem[] => {
    const ci = github.ci.get(pull.number);
    if (!ci) return [];
    const base = { issue, pr: pull.number, title: pull.title, url: pull.url, at: pull.updatedAt.toISOString() };
    const parts: string[] = [];
    if (ci.checks === "failure")
      parts.push(ci.failing.length > 0 ? `${ci.failing.slice(0, 3).join(", ")} failing` : "failing");
    const by = ci.changesRequestedBy.map((login) => `@${login}`).join(", ");
    // Under its own label "changes requested" the reason only says by whom.
    if (by) parts.push(parts.length > 0 ? `changes requested by ${by}` : `by ${by}`);
    if (parts.length > 0)
      return [
        { ...base, kind: ci.checks === "failure" ? "ci-failing" : "changes-requested", reason: parts.join("; ") },
      ];
    if ((ci.checks === "success" || ci.checks === "none") && (ci.review === "none" || ci.review === "commented"))
      return [{ ...base, kind: "awaiting-review", reason: ci.checks === "success" ? "CI passed" : "no CI reported" }];
    return [];
  });
}

/** The latest pause for the agent's plan limit in the window, if it is still on. */
function quotaPauses(ledger: Ledger, window: { until: Date }): NeedsYouItem[] {
  const pauses = ledger.items.flatMap(({ item, checkpoints }) =>
    checkpoints.flatMap((checkpoint) => {
      const pause = checkpoint.detail?.quotaPause;
      if (typeof pause !== "object" || pause === null) return [];
      const until = (pause as { until?: unknown }).until;
      return typeof until === "string" ? [{ item, at: checkpoint.at, until: new Date(until) }] : [];
    }),
  );
  const latest = pauses.sort((a, b) => a.at.getTime() - b.at.getTime()).at(-1);
  if (!latest || latest.until.getTime() <= window.until.getTime()) return [];
  return [
    {
      kind: "quota-pause",
      issue: latest.item.issueNumber,
      pr: null,
      title: ledger.titleOf(latest.item.issueNumber) ?? null,
      url: null,
      reason: `the agent hit its plan's limit: paused until ${latest.until.toISOString()} (${pauses.length} pause${pauses.length === 1 ? "" : "s"} in the window)`,
      at: latest.at.toISOString(),
    },
  ];
}

/** Work left mid-way by a run that is no longer running: it waits for the next `spawn`. */
function unfinished(ledger: Ledger): NeedsYouItem[] {
  const running = new Set(ledger.runs.filter((run) => run.outcome === "running").map((run) => run.id));
  const outcomeOf = new Map(ledger.runs.map((run) => [run.id, run.outcome]));
  const lastRunOf = (item: WorkItem) => ledger.checkpointsOf(item.id).at(-1)?.runId ?? item.runId;
  return ledger.unfinished
    .map((item) => ({ item, lastRun: lastRunOf(item) }))
    .filter(({ lastRun }) => !running.has(lastRun))
    .map(({ item, lastRun }) => ({
      kind: "unfinished" as const,
      issue: item.issueNumber,
      pr: item.prNumber ?? null,
      title: ledger.titleOf(item.issueNumber) ?? null,
      url: null,
      reason: `left at ${item.state} by a run that ${outcomeOf.get(lastRun) ?? "ended"}; the next spawn resumes it`,
      at: item.updatedAt.toISOString(),
    }));
}

function latestEscalated(attempts: readonly WorkItem[], match: (item: WorkItem) => boolean): WorkItem | undefined {
  return attempts.filter((item) => item.state === "escalated" && match(item)).at(-1);
}

function reasonOf(ledger: Ledger, item: WorkItem, fallback: string): string {
  const detail = ledger.checkpointsOf(item.id).at(-1)?.detail;
  return oneLine(attemptEndOf(detail).reason ?? fallback);
}
