import type { ClaimCheck } from "../../autonomous/drift/check-claims-now.js";
import type { DriftSeverity } from "../../domain/drift.js";
import type { Output } from "../output.js";
import { describeWorkKind } from "./report-format.js";

const ICON: Record<DriftSeverity, string> = { minor: "🔵", moderate: "🟠", critical: "🔴" };

/** `drift-report --now`: each current claim and what differs from what it should show. */
export function renderClaimChecks(checks: ClaimCheck[], agentId: string, out: Output): void {
  out.line("");
  if (checks.length === 0) {
    out.line(`Now: ${agentId} holds no claim, so there is nothing to check.`);
    return;
  }
  out.line(`Now: ${checks.length} claim${checks.length === 1 ? "" : "s"} of ${agentId} checked against GitHub and git`);
  for (const check of checks) {
    const work = describeWorkKind({ kind: check.workKind, pr: check.pr });
    if (check.drifts.length === 0) {
      out.line(`  ✅ #${check.issue}${work} ${check.title} (${check.branch}): as expected`);
      continue;
    }
    for (const drift of check.drifts) {
      out.line(
        `  ${ICON[drift.severity]} #${check.issue}${work} ${drift.severity} ${drift.kind}: expected ${JSON.stringify(drift.expected)}, found ${JSON.stringify(drift.found)}`,
      );
    }
  }
}
