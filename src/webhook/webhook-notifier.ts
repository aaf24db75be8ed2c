import type { DeliveryReport, Notifier } from "../core/notify-port.js";
import type { Notification } from "../domain/notification.js";
import { redactUrl } from "../domain/redact-secrets.js";
import { DEFAULT_POST_POLICY, postWebhook, type PostDeps, type PostOutcome, type PostPolicy } from "./post-webhook.js";

export interface WebhookNotifierOptions extends PostDeps {
  /** The webhook; a secret, never shown whole. */
  url: string;
  policy?: Partial<PostPolicy>;
  /** Messages waiting beyond this are given up at once (a receiver down for a long night). */
  maxQueued?: number;
  /** Told how each message fared; must not throw. */
  onReport(report: DeliveryReport): void;
}

const MAX_QUEUED = 50;

/**
 * The `Notifier` over a webhook: messages go out one at a time, in the order sent, from a queue
 * drained in the background (so a Slack channel reads in order). `flush` bounds how long the
 * end of a run waits; what is left then is given up and reported.
 */
export function createWebhookNotifier(options: WebhookNotifierOptions): Notifier {
  const policy: PostPolicy = { ...DEFAULT_POST_POLICY, ...options.policy };
  const target = redactUrl(options.url);
  const ended = new AbortController();
  const queue: Array<{ message: Notification; queuedAt: number }> = [];
  let draining: Promise<void> | undefined;

  const report = (entry: (typeof queue)[number], outcome: PostOutcome) => {
    try {
      options.onReport({
        event: entry.message.event,
        runId: entry.message.run.id,
        issue: entry.message.issue?.number ?? null,
        delivered: outcome.delivered,
        tries: outcome.tries,
        status: outcome.status,
        problem: outcome.problem,
        problemClass: outcome.problemClass,
        durationMs: options.now().getTime() - entry.queuedAt,
        target,
      });
    } catch {
      // A report is for people reading the log; failing to make one changes nothing.
    }
  };
  const notSent = (): PostOutcome => ({
    delivered: false,
    tries: 0,
    status: 0,
    problemClass: "run-ended",
    problem: "the run ended before it was sent",
  });

  const drain = async () => {
    // The caller carries on first: sending starts once its step has yielded.
    await Promise.resolve();
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      const outcome = ended.signal.aborted
        ? notSent()
        : await postWebhook(options.url, JSON.stringify(entry.message), options, policy, ended.signal);
      report(entry, outcome);
    }
    draining = undefined;
  };

  return {
    target,
    send(message) {
      const entry = { message, queuedAt: options.now().getTime() };
      if (ended.signal.aborted) return report(entry, notSent());
      if (queue.length >= (options.maxQueued ?? MAX_QUEUED)) {
        return report(entry, {
          delivered: false,
          tries: 0,
          status: 0,
          problemClass: "queue-full",
          problem: `${queue.length} messages are already waiting for the webhook`,
        });
      }
      queue.push(entry);
      draining ??= drain();
    },
    async flush(maxMs) {
      if (draining) {
        const timer = new AbortController();
        await Promise.race([draining, options.sleep(maxMs, timer.signal)]);
        timer.abort();
      }
      // Whatever is in flight stops now; what is queued is reported as not sent.
      ended.abort();
      await draining;
    },
  };
}
