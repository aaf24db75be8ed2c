import type { ExplainedIssue, QueueStanding } from "../../core/explain-queue.js";
import type { PeekResult, TaskView } from "../../core/peek.js";
import type { Output } from "../output.js";

export function renderPeek(result: PeekResult, out: Output, list: boolean): void {
  renderTasks(result, out, list);
  if (result.explained) renderExplained(result.explained, out);
}

const STANDING_MARK: Record<QueueStanding, string> = {
  next: "👉",
  queued: "⏭️ ",
  waiting: "⏳",
  "not-eligible": "🚫",
};

function renderExplained(explained: readonly ExplainedIssue[], out: Output): void {
  const { color } = out;
  out.line("");
  out.line(`🔎 Why this order (the first ${explained.length} queued issue${explained.length === 1 ? "" : "s"}):`);
  if (explained.length === 0) out.line(color.dim("  nothing is labelled route:ready or route:unblocker"));
  for (const entry of explained) {
    const place = entry.place === null ? "" : color.dim(` [${ordinal(entry.place)}]`);
    out.line(`  ${STANDING_MARK[entry.standing]} ${color.bold(`#${entry.number}`)} ${entry.title}${place}`);
    out.line(`     ${entry.standing === "next" ? color.green(entry.reason) : color.dim(entry.reason)}`);
  }
}

function ordinal(place: number): string {
  const tens = place % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (["th", "st", "nd", "rd"][place % 10] ?? "th");
  return `${place}${suffix}`;
}

function renderTasks(result: PeekResult, out: Output, list: boolean): void {
  const { color } = out;
  if (!result.task) {
    out.line("📭 The queue is empty: no open issue is labelled route:ready or route:unblocker and free to take.");
    out.info(color.dim("   Label an issue route:ready to queue it."));
    return;
  }
  if (out.quiet) {
    for (const task of result.tasks) out.line(`#${task.number}\t${task.title}`);
    return;
  }
  if (list) {
    out.line(`📋 Next ${result.tasks.length} task${result.tasks.length === 1 ? "" : "s"} ${depth(result)}`);
    for (const [index, task] of result.tasks.entries()) {
      out.line(`  ${index + 1}. ${color.bold(`#${task.number}`)} ${task.title} ${priorityBadge(task, out)}`);
    }
    return;
  }
  const task = result.task;
  out.line(`📋 Next task ${depth(result)}`);
  out.line(`  ${color.bold(`#${task.number}`)} ${task.title}`);
  out.line(`  ⚡ Priority: ${priorityBadge(task, out)}`);
  out.line(`  🏷️  Labels:   ${task.labels.join(", ") || "—"}`);
  if (task.preview) out.line(`  📝 ${color.dim(task.preview)}`);
  out.line(`  🔗 ${task.url}`);
  out.info(color.dim("   Run `my-little-soda pop` to claim it."));
}

function depth(result: PeekResult): string {
  return result.queueDepth === null ? "(queue: over 100 queued)" : `(queue: ${result.queueDepth} ready)`;
}

function priorityBadge(task: TaskView, out: Output): string {
  const text = `${task.priorityName} (${task.priority})`;
  if (task.priority >= 4) return out.color.red(text);
  if (task.priority === 3) return out.color.yellow(text);
  return out.color.cyan(text);
}
