import type { StatusReport } from "../../core/status/status-report.js";
import { describeSpend } from "../../domain/agent-spend.js";
import { formatAge } from "../../domain/format-age.js";
import type { Output } from "../output.js";
import { describeReviewStage } from "./review-stage-words.js";

export function renderStatus(report: StatusReport, out: Output): void {
  const { color } = out;
  const reset = new Date(report.rateLimit.resetAt).toISOString().slice(11, 16);
  out.line(`🥤 ${color.bold(report.repository.fullName)}  ${color.dim(report.repository.url)}`);
  out.line(
    `   👤 ${report.user}   ⏱️  rate limit ${report.rateLimit.remaining}/${report.rateLimit.limit} (resets ${reset} UTC)   🌿 base ${report.repository.baseBranch}`,
  );
  out.line("");

  const agent = report.agent;
  const state =
    agent.state === "working" && agent.issue
      ? `working on #${agent.issue.number} ${agent.issue.title}`
      : agent.state === "reworking" && agent.issue
        ? `reworking ${agent.pr ? `PR #${agent.pr}` : "the pull request"} of #${agent.issue.number} ${agent.issue.title}`
        : agent.state === "waiting-for-review"
          ? "waiting for review"
          : "idle";
  out.line(`🤖 ${color.bold(agent.id)}: ${state}`);
  if (agent.branch) {
    const ahead =
      agent.commitsAhead === null ? "" : `, ${agent.commitsAhead} commit${agent.commitsAhead === 1 ? "" : "s"} ahead`;
    out.line(`   🌿 ${agent.branch}${ahead}`);
  }
  out.line("");

  out.line(`🔒 Claims (${report.claims.length})`);
  if (report.claims.length === 0) out.line(color.dim("   none"));
  for (const claim of report.claims) {
    const lock = claim.locked ? "locked" : color.red("no lock");
    const holder = claim.agent ?? (claim.rework ? "rework of its pull request" : color.red("no agent label"));
    out.line(
      `   #${claim.issue} ${claim.title ?? ""} — ${holder}, ${lock}${claim.assignees.length ? `, assigned to ${claim.assignees.join(", ")}` : ""}`,
    );
    if (claim.holder) {
      const age = claim.leaseAgeSeconds === null ? "" : `, lease ${formatAge(claim.leaseAgeSeconds)} old`;
      out.line(
        `      💓 held by ${claim.holder.agent} (${claim.holder.login} on ${claim.holder.host})${age}${claim.stale ? ` — ${color.red.bold("stale")}` : ""}`,
      );
    } else if (claim.locked) {
      out.line(`      💓 ${color.red("holder unknown (the lock is not a lease)")}`);
    }
  }
  out.line("");

  const total = report.queue.total === null ? "over 100" : String(report.queue.total);
  const levels = Object.entries(report.queue.byPriority)
    .filter(([, count]) => count !== 0)
    .map(([name, count]) => `${name} ${count ?? "?"}`)
    .join(", ");
  out.line(`📋 Queue: ${total} ready${levels ? ` (${levels})` : ""}`);
  for (const task of report.queue.next) {
    out.line(`   #${task.number} ${task.title} ${color.dim(`[${task.priorityName}]`)}`);
  }
  if (report.queue.waiting.length > 0) {
    out.line(`⏳ Waiting for dependencies (${report.queue.waiting.length})`);
    for (const wait of report.queue.waiting.slice(0, 5)) {
      out.line(`   #${wait.number} ${wait.title} ${color.dim(`(${wait.waitsFor})`)}`);
    }
    if (report.queue.waiting.length > 5) out.line(color.dim(`   … \`peek --explain\` says more`));
  }
  out.line("");

  out.line(`👀 In review (${report.reviews.length})`);
  for (const review of report.reviews) {
    out.line(`   #${review.number} ${review.title} ${color.dim(`(${review.agent}, closes #${review.issue})`)}`);
    out.line(`      ${describeReviewStage(review)}`);
  }
  if (report.reviews.length === 0) out.line(color.dim("   none"));
  out.line("");

  const loop = report.autonomous;
  if (loop) {
    const state =
      loop.running && loop.holder
        ? `running (pid ${loop.holder.pid} on ${loop.holder.host})`
        : `not running; last run ${loop.lastRun?.outcome ?? "unknown"}`;
    out.line(`🔁 Autonomous loop: ${state}`);
    if (loop.checkpoint)
      out.line(
        `   📍 last checkpoint #${loop.checkpoint.issue} ${loop.checkpoint.state} at ${loop.checkpoint.at.slice(0, 19).replace("T", " ")}Z`,
      );
    if (loop.checkpoint?.spend)
      out.line(`   💸 agent spend on #${loop.checkpoint.issue}: ${describeSpend(loop.checkpoint.spend)}`);
    if (loop.drifts24h.total > 0)
      out.line(
        `   🧭 ${loop.drifts24h.total} drift${loop.drifts24h.total === 1 ? "" : "s"} in the last 24 h (${loop.drifts24h.critical} critical) — see drift-report`,
      );
    out.line("");
  }

  if (report.problems.length === 0) {
    out.line(color.green("✅ No problems found"));
  } else {
    out.line(color.red(`⚠️  Problems (${report.problems.length})`));
    for (const problem of report.problems) {
      out.line(`   ${color.red("•")} ${problem.message}`);
      if (problem.hint) out.line(color.dim(`     hint: ${problem.hint}`));
    }
  }
}
