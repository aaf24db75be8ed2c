import { describe, expect, it } from "vitest";
import { buildNotification, type NotificationInput, type RunSummary } from "../../../src/domain/notification.js";

const base = {
  repository: "acme/widgets",
  agent: "agent001",
  run: { id: "run-1", startedAt: new Date("2024-05-01T10:00:00Z") },
  at: new Date("2024-05-01T10:30:00Z"),
};
const issue = { number: 12, title: "Fix the parser", url: "https://github.com/acme/widgets/issues/12" };

function text(input: Omit<NotificationInput, keyof typeof base>): string {
  return buildNotification({ ...base, ...input }).text;
}

describe("buildNotification", () => {
  it("has every documented field, null where an event has nothing to say", () => {
    expect(
      buildNotification({ ...base, event: "escalation", reason: "3 failed attempts: the agent exited 1", issue }),
    ).toEqual({
      text: "🙋 [acme/widgets] agent001 handed #12 “Fix the parser” to a person: 3 failed attempts: the agent exited 1 https://github.com/acme/widgets/issues/12",
      event: "escalation",
      repository: "acme/widgets",
      agent: "agent001",
      issue,
      pullRequest: null,
      reason: "3 failed attempts: the agent exited 1",
      run: { id: "run-1", startedAt: "2024-05-01T10:00:00.000Z" },
      until: null,
      summary: null,
      at: "2024-05-01T10:30:00.000Z",
      schemaVersion: 1,
    });
  });

  it("says each event in one line, with the issue's number, title and link where there is one", () => {
    expect(text({ event: "escalation", reason: "2 rework rounds spent", issue, pullRequest: 40 })).toBe(
      "🙋 [acme/widgets] agent001 handed PR #40 (#12 “Fix the parser”) to a person: 2 rework rounds spent https://github.com/acme/widgets/issues/12",
    );
    expect(text({ event: "budget-stop", reason: "over max_cost_usd_per_issue = $0.25", issue })).toBe(
      "💸 [acme/widgets] agent001 stopped #12 “Fix the parser” at its spend limit and handed it to a person: over max_cost_usd_per_issue = $0.25 https://github.com/acme/widgets/issues/12",
    );
    expect(text({ event: "budget-stop", reason: "max_cost_usd_per_run $0.1000 reached" })).toBe(
      "💸 [acme/widgets] agent001 stops taking work: max_cost_usd_per_run $0.1000 reached",
    );
    const until = new Date("2024-05-01T15:00:00Z");
    expect(text({ event: "quota-pause", reason: "the agent's plan limit was reached", issue, until })).toBe(
      "⏸️ [acme/widgets] agent001 paused #12 “Fix the parser” until 2024-05-01T15:00:00.000Z: the agent's plan limit was reached https://github.com/acme/widgets/issues/12",
    );
    expect(buildNotification({ ...base, event: "quota-pause", reason: "r", issue, until }).until).toBe(
      "2024-05-01T15:00:00.000Z",
    );
  });

  it("sums a finished run up in its text and carries the summary whole", () => {
    const summary: RunSummary = {
      outcome: "completed",
      reason: "the queue is empty",
      exitCode: 0,
      durationMs: 754_000,
      issuesDone: 3,
      pullRequestsOpened: 3,
      reworked: 0,
      landed: 0,
      escalated: 1,
      abandoned: 0,
      failedAttempts: 2,
      costUsd: 0.4,
      issues: [],
      report: null,
    };
    const message = buildNotification({ ...base, event: "run-finished", reason: "the queue is empty", summary });
    expect(message.text).toBe(
      "🥤 [acme/widgets] agent001's run completed (the queue is empty): 3 done, 3 PRs opened, 1 escalated, 2 failed attempts, $0.40, 12m 34s",
    );
    expect(message.summary).toBe(summary);

    // With the report over the run's window, its line follows on a line of its own, escaped for Slack.
    const report = {
      text: "acme/widgets, last 13 min: 3 issues delivered, 0 merged, 1 escalated · 1 needs you <@here>",
      figures: {
        since: "2024-05-01T14:00:00.000Z",
        until: "2024-05-01T14:13:00.000Z",
        issuesDelivered: 3,
        prsMerged: 0,
        escalations: 1,
        reworkRounds: 0,
        failedAttempts: 2,
        needsYou: 1,
        costUsd: 0.4,
        claimToPrMedianMs: 1200,
      },
    };
    const withReport = buildNotification({
      ...base,
      event: "run-finished",
      reason: "the queue is empty",
      summary: { ...summary, report },
    });
    expect(withReport.text.split("\n")[1]).toBe(
      "acme/widgets, last 13 min: 3 issues delivered, 0 merged, 1 escalated · 1 needs you &lt;@here&gt;",
    );
    expect(withReport.summary?.report?.figures.needsYou).toBe(1);
    expect(message.issue).toBeNull();
    const idle = {
      ...summary,
      issuesDone: 0,
      pullRequestsOpened: 0,
      escalated: 0,
      failedAttempts: 0,
      costUsd: null,
      durationMs: 4_000,
    };
    expect(text({ event: "run-finished", reason: "--once", summary: idle })).toBe(
      "🥤 [acme/widgets] agent001's run completed (--once): no issues handled, 4s",
    );
  });

  it("escapes Slack's markup in titles and reasons, so an issue cannot forge a link or a mention", () => {
    const sneaky = { ...issue, title: "<https://evil.example|click> & <!channel>" };
    expect(text({ event: "escalation", reason: "exit <1>", issue: sneaky })).toBe(
      "🙋 [acme/widgets] agent001 handed #12 “&lt;https://evil.example|click&gt; &amp; &lt;!channel&gt;” to a person: exit &lt;1&gt; https://github.com/acme/widgets/issues/12",
    );
  });
});
