import type { DoctorCheck, DoctorReport } from "../../core/doctor/doctor-check.js";
import { doctorJson } from "../json/doctor-json.js";
import type { Output } from "../output.js";

const ICON: Record<DoctorCheck["status"], string> = { ok: "✅", warn: "⚠️ ", fail: "❌", skipped: "⏭️ " };

/** One line per check, a `fix:` line under each warning and problem, then the tally. `-q`: only those. */
export function renderDoctor(report: DoctorReport, out: Output): void {
  const { color } = out;
  const width = Math.max(...report.checks.map((check) => check.title.length));
  for (const check of report.checks) {
    if (out.quiet && (check.status === "ok" || check.status === "skipped")) continue;
    const detail = check.status === "skipped" ? color.dim(check.detail) : check.detail;
    out.line(`${ICON[check.status]} ${color.bold(check.title.padEnd(width))}  ${detail}`);
    if (check.fix) out.line(`   ${" ".repeat(width)}  ${color.cyan("fix:")} ${check.fix}`);
  }
  const { summary } = doctorJson(report);
  const parts = [
    `${summary.ok} ok`,
    summary.warn > 0 ? color.yellow(`${summary.warn} ${summary.warn === 1 ? "warning" : "warnings"}`) : undefined,
    summary.fail > 0 ? color.red(`${summary.fail} ${summary.fail === 1 ? "problem" : "problems"}`) : undefined,
    summary.skipped > 0 ? `${summary.skipped} skipped` : undefined,
  ].filter((part) => part !== undefined);
  out.line("");
  out.line(
    report.failed
      ? `🩺 ${parts.join(", ")}: fix the ❌ lines before a first run.`
      : `🩺 ${parts.join(", ")}: ready for a first run.`,
  );
}
