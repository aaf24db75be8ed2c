import type { InitResult } from "../../core/init/apply-init.js";
import type { Output } from "../output.js";

const LABEL_ICON = { created: "✨", updated: "🔧", unchanged: "✅" } as const;
const FILE_ICON = { created: "📝", updated: "🔧", unchanged: "✅", kept: "⏭️ " } as const;

export function renderInit(result: InitResult, out: Output): void {
  const { color } = out;
  const prefix = result.dryRun ? color.yellow("[dry-run] would be ") : "";
  out.line(`🔑 Authenticated as ${color.bold(result.user)}; ${color.bold(result.repository)} is writable`);
  out.line("");
  out.line("🏷️  Labels");
  for (const label of result.labels) {
    if (label.status === "unchanged" && out.quiet) continue;
    const detail = label.differences.length > 0 ? color.dim(` (${label.differences.join(", ")})`) : "";
    out.line(`  ${LABEL_ICON[label.status]} ${label.name.padEnd(26)} ${prefix}${label.status}${detail}`);
  }
  out.line("");
  out.line("📁 Files");
  for (const file of result.files) {
    const reason = file.reason ? color.dim(` — ${file.reason}`) : "";
    out.line(`  ${FILE_ICON[file.status]} ${file.path.padEnd(36)} ${prefix}${file.status}${reason}`);
  }
  const counts = (["created", "updated", "unchanged"] as const)
    .map((status) => `${result.labels.filter((label) => label.status === status).length} ${status}`)
    .join(", ");
  out.line("");
  if (result.dryRun) {
    out.line(color.yellow(`Dry run: nothing was written (labels: ${counts}).`));
  } else {
    out.line(`🥤 Ready. Labels: ${counts}.`);
    out.info(color.dim("   Next: label an issue route:ready, then `my-little-soda peek` and `my-little-soda pop`."));
  }
}
