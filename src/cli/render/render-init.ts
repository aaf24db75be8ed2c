import type { InitResult } from "../../core/init/apply-init.js";
import type { Output } from "../output.js";

const LABEL_ICON = { created: "✨", updated: "🔧", unchanged: "✅" } as const;
const FILE_ICON = { created: "📝", updated: "🔧", unchanged: "✅", kept: "⏭️ " } as const;

export function renderInit(result: InitResult, out: Output): void {
  const { color } = out;
  if (out.quiet) {
    out.line(summaryOf(result));
    return;
  }
  const prefix = result.dryRun ? color.yellow("[dry-run] would be ") : "";
  out.line(`🔑 Authenticated as ${color.bold(result.user)}; ${color.bold(result.repository)} is writable`);
  out.line("");
  out.line("🏷️  Labels");
  for (const label of result.labels) {
    const detail = label.differences.length > 0 ? color.dim(` (${label.differences.join(", ")})`) : "";
    out.line(`  ${LABEL_ICON[label.status]} ${label.name.padEnd(26)} ${prefix}${label.status}${detail}`);
  }
  out.line("");
  out.line("📁 Files");
  for (const file of result.files) {
    const reason = file.reason ? color.dim(` — ${file.reason}`) : "";
    out.line(`  ${FILE_ICON[file.status]} ${file.path.padEnd(36)} ${prefix}${file.status}${reason}`);
  }
  out.line("");
  out.line(result.dryRun ? color.yellow(summaryOf(result)) : summaryOf(result));
  if (!result.dryRun)
    out.line(color.dim("   Next: label an issue route:ready, then `my-little-soda peek` and `my-little-soda pop`."));
}

function summaryOf(result: InitResult): string {
  const count = <T extends { status: string }>(items: readonly T[], status: string) =>
    items.filter((item) => item.status === status).length;
  const labels = (["created", "updated", "unchanged"] as const)
    .map((status) => `${count(result.labels, status)} ${status}`)
    .join(", ");
  const written = result.files
    .filter((file) => file.status === "created" || file.status === "updated")
    .map((file) => file.path);
  const files = written.length > 0 ? `wrote ${written.join(", ")}` : "no files written";
  return result.dryRun
    ? `Dry run: nothing was written (labels: ${labels}; would have ${files === "no files written" ? "written no files" : files.replace("wrote", "written")}).`
    : `🥤 Ready. Labels: ${labels}; ${files}.`;
}
