import type { Notification } from "../domain/notification.js";

/**
 * Where the loop's notifications go (design §5 "Notifications"), in our own words. `send` only
 * queues: delivery, its retries and its timeouts happen in the background, so a slow or dead
 * receiver never holds the loop up. `src/webhook/` implements it over HTTP.
 */
export interface Notifier {
  /** Where messages go, safe to show (scheme and host); undefined when notifications are off. */
  readonly target: string | undefined;
  /** Queue a message; never throws, never waits for delivery. */
  send(message: Notification): void;
  /**
   * Wait for the queued messages, at most `maxMs`; whatever is still undelivered then is given up
   * (and reported as such). Never throws.
   */
  flush(maxMs: number): Promise<void>;
}

/** Why a message was not delivered, or took more than one try: `rejected` is a 4xx other than 429, `internal` no message made. */
export type DeliveryProblemClass =
  "network" | "timeout" | "server-error" | "rate-limit" | "rejected" | "run-ended" | "queue-full" | "internal";

/** How one message fared, once delivered or given up. */
export interface DeliveryReport {
  event: Notification["event"];
  runId: string;
  issue: number | null;
  delivered: boolean;
  tries: number;
  /** The last HTTP status, 0 when no answer came. */
  status: number;
  /** Why it was not delivered (redacted), or why it took more than one try. */
  problem: string | undefined;
  problemClass: DeliveryProblemClass | undefined;
  /** From queueing to the outcome. */
  durationMs: number;
  target: string;
}

/** Notifications off: nothing is sent, nothing waited for. */
export const NO_NOTIFIER: Notifier = {
  target: undefined,
  send() {},
  flush: async () => {},
};
