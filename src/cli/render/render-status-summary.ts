import type { StatusReport } from "../../core/status/status-report.js";
import { markdownInline } from "./markdown-text.js";
import { describeReviewStage } from "./review-stage-words.js";

/** Markdown for `$GITHUB_STEP_SUMMARY`: the same facts as the terminal report. */
export function renderStatusSummary(report: StatusReport): string {
  const cell = markdownInline;
  const lines = [
    `## 🥤 my-little-soda status — ${report.repository.fullName}`,
    "",
    `**Agent** ${report.agent.id}: ${report.agent.state}${report.agent.issue ? ` (#${report.agent.issue.number})` : ""} · ` +
      `**Queue** ${report.queue.total ?? "over 100"} ready · **Claims** ${report.claims.length} · ` +
      `**In review** ${report.reviews.length} · **Rate limit** ${report.rateLimit.remaining}/${report.rateLimit.limit}`,
    "",
  ];
  if (report.problems.length === 0) {
    lines.push("✅ No problems found.");
  } else {
    lines.push(`### ⚠️ Problems (${report.problems.length})`, "", "| Issue | Kind | Problem |", "|---|---|---|");
    for (const problem of report.problems)
      lines.push(`| #${problem.issue} | ${problem.kind} | ${cell(problem.message)} |`);
  }
  if (report.reviews.length > 0) {
    lines.push("", "### In review", "", "| Pull request | Agent | Stage |", "|---|---|---|");
    for (const review of report.reviews)
      lines.push(
        `| [#${review.number}](${review.url}) ${cell(review.title)} | ${review.agent} | ${cell(describeReviewStage(review))} |`,
      );
  }
  if (report.queue.next.length > 0) {
    lines.push("", "### Next in the queue", "", "| Issue | Priority | Title |", "|---|---|---|");
    for (const task of report.queue.next)
      lines.push(`| #${task.number} | ${task.priorityName} | ${cell(task.title)} |`);
  }
  return `${lines.join("\n")}\n`;
}
