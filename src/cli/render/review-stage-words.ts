import type { ReviewView } from "../../core/status/status-report.js";

/**
 * A pull request's stage in review in words, as `status` shows it: "⏳ waiting for CI (test)",
 * "❌ CI failed (lint)", "✅ approved by @owner; not landing yet: …", with the rework rounds
 * after it ("· rework 1 of 3 done").
 */
export function describeReviewStage(review: ReviewView): string {
  return `${stageWords(review)}${roundWords(review)}`;
}

function stageWords(review: ReviewView): string {
  const list = (names: readonly string[]) => (names.length > 0 ? ` (${names.join(", ")})` : "");
  const reasons = review.reasons.join("; ");
  switch (review.stage) {
    case "waiting-for-ci":
      return `⏳ waiting for CI${list(review.pendingChecks)}`;
    case "waiting-for-approval-to-run":
      return `⏸️  waiting for approval to run CI${list(review.awaitingApprovalChecks)}`;
    case "ci-failed":
      return `❌ ${reasons}`;
    case "changes-requested":
      return `✍️  ${reasons}`;
    case "conflict":
      return `💥 ${reasons}`;
    case "behind-base":
      return `⏪ ${reasons}`;
    case "rework-limit":
      return `🛑 rework rounds spent (${review.reworkRounds} of ${review.maxReworkRounds}), a person takes over: ${reasons}`;
    case "waiting-for-review":
      if (review.draft) return "📝 draft: waiting for it to be marked ready";
      return `👀 waiting for review (${review.approvals.length} of ${review.requiredApprovals} approval${review.requiredApprovals === 1 ? "" : "s"})`;
    case "approved": {
      const waiting = review.blockers.length > 0 ? `; not landing yet: ${review.blockers.join("; ")}` : "";
      return `✅ approved by ${review.approvals.map((login) => `@${login}`).join(", ")}${waiting}`;
    }
    case "ready-to-land":
      return "🚀 ready to land";
    case "handed-to-people":
      return `🙋 handed to people (route:human-only)${reasons ? `; still open: ${reasons}` : ""}`;
    case "unreadable":
      return `❓ could not be assessed: ${review.blockers[0] ?? "GitHub refused a read"}`;
  }
}

/** "· rework 2 of 3 in progress" while the loop here reworks it; "· rework 1 of 3 done" after. */
function roundWords(review: ReviewView): string {
  if (review.reworkInProgress !== null)
    return ` · rework ${review.reworkInProgress} of ${review.maxReworkRounds} in progress`;
  if (review.reworkRounds > 0 && review.stage !== "rework-limit")
    return ` · rework ${review.reworkRounds} of ${review.maxReworkRounds} done`;
  return "";
}
