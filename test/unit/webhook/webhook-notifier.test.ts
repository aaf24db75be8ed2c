import { describe, expect, it } from "vitest";
import type { DeliveryReport } from "../../../src/core/notify-port.js";
import { buildNotification, type Notification } from "../../../src/domain/notification.js";
import { createWebhookNotifier } from "../../../src/webhook/webhook-notifier.js";
import { FakeTime } from "../../support/fake-time.js";

const URL_WITH_KEY = "https://hooks.example.com/services/T1/B1/abcdefghijklmnop";

function message(reason: string, issue?: number): Notification {
  return buildNotification({
    event: issue === undefined ? "run-finished" : "escalation",
    repository: "acme/widgets",
    agent: "agent001",
    run: { id: "run-1", startedAt: new Date(0) },
    at: new Date(0),
    reason,
    issue: issue === undefined ? undefined : { number: issue, title: `Issue ${issue}`, url: `https://x/${issue}` },
  });
}

/** A receiver whose answers the test scripts per message (by reason): a status, or never answering. */
function receiver(answer: (reason: string) => number | "hang") {
  const received: string[] = [];
  const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
    const { reason } = JSON.parse(String(init?.body)) as Notification;
    const said = answer(reason);
    if (said === "hang")
      return new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
      );
    if (said < 300) received.push(reason);
    return new Response(null, { status: said });
  }) as typeof globalThis.fetch;
  return { fetch, received };
}

function makeNotifier(fetch: typeof globalThis.fetch, time: FakeTime, maxQueued?: number) {
  const reports: DeliveryReport[] = [];
  const notifier = createWebhookNotifier({
    url: URL_WITH_KEY,
    fetch,
    sleep: time.sleep,
    now: time.now,
    policy: { timeoutMs: 5_000, maxTries: 3, retryBaseMs: 1_000 },
    maxQueued,
    onReport: (report) => reports.push(report),
  });
  return { notifier, reports };
}

describe("createWebhookNotifier", () => {
  it("sends in the background, in order, and shows only the URL's scheme and host", async () => {
    const time = new FakeTime();
    const { fetch, received } = receiver(() => 200);
    const { notifier, reports } = makeNotifier(fetch, time);
    expect(notifier.target).toBe("https://hooks.example.com/…");
    notifier.send(message("first", 1));
    notifier.send(message("second", 2));
    expect(received).toEqual([]); // send only queues
    await time.settle(notifier.flush(5_000));
    expect(received).toEqual(["first", "second"]);
    expect(reports.map((report) => [report.event, report.issue, report.delivered, report.tries])).toEqual([
      ["escalation", 1, true, 1],
      ["escalation", 2, true, 1],
    ]);
    expect(JSON.stringify(reports)).not.toContain("abcdefghijklmnop");
  });

  it("keeps the URL's key out of a failed delivery's report, even when the error names the URL", async () => {
    const time = new FakeTime();
    const fetch = (async (url: string | URL | Request) => {
      throw new TypeError(`fetch failed: getaddrinfo ENOTFOUND for ${String(url)}`);
    }) as typeof globalThis.fetch;
    const { notifier, reports } = makeNotifier(fetch, time);
    notifier.send(message("unreachable", 4));
    await time.settle(notifier.flush(60_000));
    expect(reports).toEqual([expect.objectContaining({ issue: 4, delivered: false, tries: 3 })]);
    expect(reports[0]?.problem).toContain("fetch failed");
    expect(JSON.stringify(reports)).not.toContain("abcdefghijklmnop");
  });

  it("a receiver that never answers holds the end of the run up by flush's bound, no more", async () => {
    const time = new FakeTime();
    const { fetch } = receiver(() => "hang");
    const { notifier, reports } = makeNotifier(fetch, time);
    notifier.send(message("stuck", 3));
    notifier.send(message("end of run"));
    await time.settle(notifier.flush(4_000));
    expect(time.elapsed()).toBe(4_000);
    expect(reports).toEqual([
      expect.objectContaining({ issue: 3, delivered: false, tries: 1, problemClass: "run-ended" }),
      expect.objectContaining({ event: "run-finished", delivered: false, tries: 0, problemClass: "run-ended" }),
    ]);
    expect(reports[0]?.problem).toBe("the run ended before it was delivered");
  });

  it("a failing message is retried, given up and reported, and the next one still goes out", async () => {
    const time = new FakeTime();
    const { fetch, received } = receiver((reason) => (reason === "bad" ? 500 : 200));
    const { notifier, reports } = makeNotifier(fetch, time);
    notifier.send(message("bad", 4));
    notifier.send(message("good", 5));
    await time.settle(notifier.flush(60_000));
    expect(received).toEqual(["good"]);
    expect(time.fired).toEqual([1_000, 2_000]);
    expect(reports[0]).toMatchObject({ delivered: false, tries: 3, status: 500, problemClass: "server-error" });
    expect(reports[0]?.durationMs).toBe(3_000);
    expect(reports[1]).toMatchObject({ delivered: true, tries: 1 });
  });

  it("gives up at once on messages beyond the queue's bound, and on messages sent after the run ended", async () => {
    const time = new FakeTime();
    const { fetch } = receiver(() => "hang");
    const { notifier, reports } = makeNotifier(fetch, time, 1);
    notifier.send(message("in flight", 1));
    await new Promise((resolve) => setImmediate(resolve)); // taken off the queue: being sent
    notifier.send(message("waiting", 2));
    notifier.send(message("one too many", 3));
    expect(reports).toEqual([expect.objectContaining({ issue: 3, delivered: false, problemClass: "queue-full" })]);
    await time.settle(notifier.flush(0));
    notifier.send(message("late", 4));
    expect(reports.map((report) => [report.issue, report.problemClass])).toEqual([
      [3, "queue-full"],
      [1, "run-ended"],
      [2, "run-ended"],
      [4, "run-ended"],
    ]);
  });
});
