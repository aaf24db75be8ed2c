import type { Issue } from "../../domain/issue.js";
import { buildNotification, type NotificationEvent, type RunSummary } from "../../domain/notification.js";
import { redactText, redactValue } from "../../domain/redact-secrets.js";
import type { LoopContext } from "../work-context.js";

export interface NotifyFields {
  reason: string;
  issue?: Pick<Issue, "number" | "title" | "url">;
  pullRequest?: number;
  until?: Date;
  summary?: RunSummary;
}

/**
 * Tell `[notify] webhook_url` what happened (design §5 "Notifications"). Only queued: delivery
 * happens in the background and never holds the loop up, and nothing here throws. What reaches the
 * webhook is scrubbed of the token like everything else that leaves the loop.
 */
export function notify(ctx: LoopContext, event: NotificationEvent, fields: NotifyFields): void {
  const { deps, settings } = ctx;
  const target = deps.notifier.target;
  if (target === undefined) return;
  try {
    const issue = fields.issue && { number: fields.issue.number, title: fields.issue.title, url: fields.issue.url };
    const message = buildNotification({
      event,
      repository: settings.repository,
      agent: settings.agentId,
      run: { id: ctx.runId, startedAt: deps.store.run(ctx.runId)?.startedAt ?? deps.now() },
      at: deps.now(),
      reason: fields.reason,
      issue,
      pullRequest: fields.pullRequest,
      until: fields.until,
      summary: fields.summary,
    });
    deps.notifier.send(redactValue(message, settings.secrets));
  } catch (error) {
    // A message that could not even be made (the store unreadable, say) is said, never fatal.
    const problem = redactText(error instanceof Error ? error.message : String(error), settings.secrets);
    deps.emit({
      type: "notified",
      report: {
        event,
        runId: ctx.runId,
        issue: fields.issue?.number ?? null,
        delivered: false,
        tries: 0,
        status: 0,
        problem: `the message could not be made: ${problem}`,
        problemClass: "internal",
        durationMs: 0,
        target,
      },
    });
  }
}
