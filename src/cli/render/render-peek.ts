import type { PeekResult, TaskView } from "../../core/peek.js";
import type { Output } from "../output.js";

export function renderPeek(result: PeekResult, out: Output, list: boolean): void {
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
