import type { LoopEvent } from "../../autonomous/loop-types.js";
import type { DeliveryReport } from "../../core/notify-port.js";
import type { Output } from "../output.js";

export interface LoopProgress {
  handle(event: LoopEvent): void;
  close(): void;
}

const ICON: Record<string, string> = { done: "✅", escalated: "🙋", abandoned: "↩️" };

/** One line per event, timestamped: for CI, pipes and logs (design §4: no spinners off a TTY). */
export function plainProgress(out: Output, now: () => Date = () => new Date()): LoopProgress {
  return {
    handle(event) {
      const text = describe(event);
      if (text) out.info(`${now().toISOString()} ${text}`);
    },
    close() {},
  };
}

/** A live line per state on a terminal (ora); finished issues and notices stay on screen. */
export async function liveProgress(out: Output, stream: NodeJS.WritableStream): Promise<LoopProgress> {
  const { default: ora } = await import("ora");
  const spinner = ora({ stream, text: "Starting the loop…" }).start();
  return {
    handle(event) {
      const text = describe(event);
      if (!text) return;
      if (event.type === "state") {
        spinner.text = text;
        return;
      }
      spinner.stopAndPersist({
        symbol: event.type === "finished-issue" ? (ICON[event.outcome] ?? "•") : "•",
        text: out.color.reset(text),
      });
      spinner.start(event.type === "idle" ? "Waiting for work…" : "Working…");
    },
    close() {
      spinner.stop();
    },
  };
}

export function describe(event: LoopEvent): string | undefined {
  switch (event.type) {
    case "started":
      return `loop started (run ${event.runId})${event.takeover ? `; ${event.takeover}` : ""}`;
    case "state":
      return `#${event.issue} ${stepOf(event)}${which(event)}${event.note ? `: ${event.note}` : ""}`;
    case "restart":
      return `#${event.issue} restart: ${event.decision} — ${event.reason}`;
    case "finished-issue":
      return `#${event.issue} ${outcomeWord(event.outcome, event.kind)}${event.pr ? `: PR #${event.pr.number} ${event.pr.url}` : ""}${event.reason ? ` (${event.reason})` : ""}`;
    case "untrusted":
      return `#${event.issue} skipped: ${event.reason}${event.commented ? "; asked for re-approval" : ""}`;
    case "drift":
      return `#${event.issue} drift (${event.severity}): ${event.kind} — ${event.action}`;
    case "idle":
      return `${event.reason}; polling again in ${event.nextPollSeconds} s`;
    case "retrying":
      return `${event.reason}; retrying in ${event.delaySeconds} s`;
    case "stopping":
      return event.reason;
    case "notified":
      return describeDelivery(event.report);
  }
}

/** "📣 escalation (#12) posted to https://hooks.slack.com/…", or why it was not. */
function describeDelivery(report: DeliveryReport): string {
  const what = `📣 ${report.event}${report.issue === null ? "" : ` (#${report.issue})`}`;
  const tries = report.tries > 1 ? ` after ${report.tries} tries` : "";
  if (report.delivered) return `${what} posted to ${report.target}${tries}`;
  return `${what} not delivered to ${report.target}${tries}: ${report.problem ?? "unknown problem"}`;
}

/** Which work item: a rework round or a landing of the issue's pull request, or a later attempt at the issue. */
function which(event: Extract<LoopEvent, { type: "state" }>): string {
  if (event.kind === "rework") return ` (rework round ${event.round ?? "?"})`;
  if (event.kind === "land") return " (landing)";
  return event.attempt > 1 ? ` (attempt ${event.attempt})` : "";
}

/** "done" said as what was done: delivered is plain `done`; a rework round `reworked`; a landing `landed`. */
export function outcomeWord(outcome: string, kind: string | undefined): string {
  if (outcome !== "done") return outcome;
  return kind === "rework" ? "reworked" : kind === "land" ? "landed" : "done";
}

/** `verify → deliver` for a transition, `run-agent` for a fact recorded within a step, `→ claim` for a start. */
function stepOf(event: Extract<LoopEvent, { type: "state" }>): string {
  if (event.from === undefined) return `→ ${event.state}`;
  return event.from === event.state ? event.state : `${event.from} → ${event.state}`;
}
