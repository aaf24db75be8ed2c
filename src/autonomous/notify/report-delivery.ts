import type { DeliveryReport } from "../../core/notify-port.js";
import type { Store } from "../../core/store-port.js";
import type { LoopEvent } from "../loop-types.js";

/**
 * How a notification fared: a line in the loop's progress, and — when it took retries or was
 * given up — a recovery record (strategy `webhook`), so `recovery-report` shows why a channel
 * stayed silent. Never fatal: the loop has moved on by the time a delivery ends.
 */
export function reportDelivery(
  store: Pick<Store, "recordRecovery">,
  emit: (event: LoopEvent) => void,
): (report: DeliveryReport) => void {
  return (report) => {
    emit({ type: "notified", report });
    if (report.delivered && report.tries <= 1) return;
    store.recordRecovery({
      runId: report.runId,
      issueNumber: report.issue ?? undefined,
      errorClass: report.problemClass ?? "network",
      strategy: "webhook",
      tries: report.tries,
      outcome: report.delivered ? "recovered" : "gave-up",
      durationMs: report.durationMs,
      detail: { event: report.event, target: report.target, status: report.status, problem: report.problem ?? null },
    });
  };
}
