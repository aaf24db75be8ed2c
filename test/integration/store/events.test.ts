import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DriftEventInput } from "../../../src/core/store-port.js";
import { createStoreFixture, START, type StoreFixture } from "./store-fixture.js";

let fx: StoreFixture;
beforeEach(async () => {
  fx = await createStoreFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

const at = (minutes: number) => new Date(Date.parse(START) + minutes * 60_000);

function drift(issueNumber: number, kind: string): DriftEventInput {
  return {
    runId: "run-1",
    workItemId: issueNumber * 10,
    issueNumber,
    kind,
    severity: kind === "issue-closed" ? "critical" : "minor",
    expected: { state: "open" },
    found: { state: "closed", by: "octo" },
    action: "recorded",
    outcome: "ok",
  };
}

describe("drift and recovery events", () => {
  it("lists drifts oldest first, filtered by time and by issue", () => {
    const store = fx.open();
    const first = store.recordDrift(drift(1, "issue-closed"));
    fx.clock.advance(60_000);
    store.recordDrift(drift(2, "reassigned"));
    fx.clock.advance(60_000);
    const third = store.recordDrift(drift(1, "branch-rewritten"));

    expect(first).toEqual({ ...drift(1, "issue-closed"), id: expect.any(Number), at: at(0) });
    expect(store.listDrifts()).toHaveLength(3);
    expect(store.listDrifts({ issueNumber: 1 })).toEqual([first, third]);
    expect(store.listDrifts({ since: at(1) }).map((d) => d.kind)).toEqual(["reassigned", "branch-rewritten"]);
    expect(store.listDrifts({ since: at(1), issueNumber: 1 })).toEqual([third]);
    expect(store.listDrifts({ issueNumber: 99 })).toEqual([]);
  });

  it("lists recoveries from `since`, and clears them (only them)", () => {
    const store = fx.open();
    store.recordRecovery({
      errorClass: "network",
      strategy: "backoff",
      tries: 3,
      outcome: "recovered",
      durationMs: 2400.6,
    });
    fx.clock.advance(60_000);
    const late = store.recordRecovery({
      runId: "run-1",
      workItemId: 4,
      issueNumber: 12,
      errorClass: "verify-failure",
      strategy: "escalate",
      tries: 2,
      outcome: "escalated",
      durationMs: 90_000,
      detail: { logTail: "FAIL test/x.test.ts" },
    });
    store.recordDrift(drift(1, "issue-closed"));

    expect(store.listRecoveries().map((r) => [r.errorClass, r.durationMs])).toEqual([
      ["network", 2401],
      ["verify-failure", 90_000],
    ]);
    expect(store.listRecoveries({ since: at(1) })).toEqual([late]);
    expect(late).toMatchObject({ at: at(1), detail: { logTail: "FAIL test/x.test.ts" } });
    expect(store.clearRecoveries()).toBe(2);
    expect(store.listRecoveries()).toEqual([]);
    expect(store.listDrifts()).toHaveLength(1);
  });
});
