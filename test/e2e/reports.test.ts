import { existsSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.js";
import { initialiseRepository, useWorld, type World } from "../support/e2e-world.js";

const currentWorld = useWorld({ beforeEach, afterEach });
let world: World;
beforeEach(() => {
  world = currentWorld();
});

const MINUTE = 60_000;

/** The store the loop would have left behind: drifts and recovery attempts at known ages. */
function seedEvents(clone: string): void {
  let clock = Date.now();
  const store = openStore({
    path: path.join(clone, ".my-little-soda", "my-little-soda.db"),
    now: () => new Date(clock),
  });
  const at = (minutesAgo: number) => (clock = Date.now() - minutesAgo * MINUTE);
  try {
    at(180);
    store.recordDrift({
      runId: "run-1",
      issueNumber: 3,
      kind: "base-ahead",
      severity: "moderate",
      expected: { commitsBehind: 0 },
      found: { commitsBehind: 42 },
      action: "rebased",
      outcome: "rebased onto origin/main",
    });
    at(30);
    store.recordDrift({
      issueNumber: 5,
      kind: "reassigned",
      severity: "critical",
      expected: { assignees: ["alice"] },
      found: { assignees: ["bob"] },
      action: "stopped-agent",
      outcome: "work pushed to agent001/5-fix-preserved",
    });
    at(10);
    store.recordDrift({
      issueNumber: 3,
      kind: "pr-merged",
      severity: "minor",
      expected: { pr: "open" },
      found: { pr: "merged" },
      action: "recorded",
      outcome: "noted",
    });

    at(120);
    store.recordRecovery({
      runId: "run-1",
      issueNumber: 3,
      errorClass: "network",
      strategy: "backoff",
      tries: 3,
      outcome: "recovered",
      durationMs: 1_200,
    });
    at(20);
    store.recordRecovery({
      errorClass: "rate-limit",
      strategy: "wait-reset",
      tries: 1,
      outcome: "recovered",
      durationMs: 60_000,
    });
    at(5);
    store.recordRecovery({
      issueNumber: 5,
      errorClass: "agent-timeout",
      strategy: "escalate",
      tries: 2,
      outcome: "escalated",
      durationMs: 900_000,
    });
    at(1);
    store.recordRecovery({
      issueNumber: 5,
      errorClass: "network",
      strategy: "backoff",
      tries: 5,
      outcome: "gave-up",
      durationMs: 30_000,
    });
  } finally {
    store.close();
  }
}

describe("drift-report and recovery-report over a store the loop left", () => {
  beforeEach(async () => {
    await initialiseRepository(world);
    seedEvents(world.clone);
  });

  it("drift-report lists every drift oldest first, with severity, expected vs found, what was done, and the summary", async () => {
    const requestsBefore = world.server.requests.length;
    const result = await world.cli(["drift-report"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("🧭 3 drifts recorded");
    expect(lines[1]).toMatch(
      /^ {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ {2}#3 {2}🟠 moderate {2}base-ahead {2}rebased → rebased onto origin\/main$/,
    );
    expect(lines[2]).toMatch(/^ +expected commitsBehind=0; found commitsBehind=42$/);
    expect(lines[3]).toMatch(
      /#5 {2}🔴 critical {2}reassigned {2}stopped-agent → work pushed to agent001\/5-fix-preserved$/,
    );
    expect(lines[4]).toMatch(/expected assignees=\["alice"\]; found assignees=\["bob"\]$/);
    expect(lines[5]).toMatch(/#3 {2}🔵 minor {5}pr-merged {3}recorded → noted$/);
    expect(result.stdout).toContain("Σ 3 drifts: 🔴 1 critical · 🟠 1 moderate · 🔵 1 minor\n");
    expect(result.stdout).toContain("  by kind: base-ahead 1 · pr-merged 1 · reassigned 1\n");
    // A local report: it never asks GitHub anything.
    expect(world.server.requests.length).toBe(requestsBefore);
  });

  it("drift-report --issue 3 shows only that issue's drifts", async () => {
    const result = await world.cli(["drift-report", "--issue", "3"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^🧭 2 drifts recorded for #3\n/);
    expect(result.stdout).toContain("base-ahead");
    expect(result.stdout).toContain("pr-merged");
    expect(result.stdout).not.toContain("#5");
    expect(result.stdout).toContain("Σ 2 drifts: 🔴 0 critical · 🟠 1 moderate · 🔵 1 minor\n");
  });

  it("drift-report --since 1h --json gives the recent drifts and their summary", async () => {
    const before = Date.now();
    const result = await world.cli(["drift-report", "--since", "1h", "--json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toEqual({
      schemaVersion: 1,
      drifts: [
        {
          at: expect.any(String),
          issue: 5,
          kind: "reassigned",
          severity: "critical",
          expected: { assignees: ["alice"] },
          found: { assignees: ["bob"] },
          action: "stopped-agent",
          outcome: "work pushed to agent001/5-fix-preserved",
          runId: null,
          workKind: null,
          pr: null,
        },
        {
          at: expect.any(String),
          issue: 3,
          kind: "pr-merged",
          severity: "minor",
          expected: { pr: "open" },
          found: { pr: "merged" },
          action: "recorded",
          outcome: "noted",
          runId: null,
          workKind: null,
          pr: null,
        },
      ],
      summary: {
        total: 2,
        bySeverity: { critical: 1, moderate: 0, minor: 1 },
        byKind: { "pr-merged": 1, reassigned: 1 },
      },
    });
    const minutesAgo = (iso: string) => (before - Date.parse(iso)) / MINUTE;
    expect(minutesAgo(report.drifts[0].at)).toBeCloseTo(30, 0);
    expect(new Date(report.drifts[1].at).toISOString()).toBe(report.drifts[1].at);
  });

  it("drift-report --since with an ISO date older than every event shows them all", async () => {
    const result = await world.cli([
      "drift-report",
      "--since",
      new Date(Date.now() - 24 * 60 * MINUTE).toISOString(),
      "--json",
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).summary.total).toBe(3);
  });

  it("recovery-report --json gives every attempt, the success rate, mean time to recover and frequent error classes", async () => {
    const result = await world.cli(["recovery-report", "--json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.recoveries.map(({ at: _at, ...rest }: { at: string }) => rest)).toEqual([
      {
        issue: 3,
        errorClass: "network",
        strategy: "backoff",
        tries: 3,
        outcome: "recovered",
        durationMs: 1_200,
        runId: "run-1",
      },
      {
        issue: null,
        errorClass: "rate-limit",
        strategy: "wait-reset",
        tries: 1,
        outcome: "recovered",
        durationMs: 60_000,
        runId: null,
      },
      {
        issue: 5,
        errorClass: "agent-timeout",
        strategy: "escalate",
        tries: 2,
        outcome: "escalated",
        durationMs: 900_000,
        runId: null,
      },
      {
        issue: 5,
        errorClass: "network",
        strategy: "backoff",
        tries: 5,
        outcome: "gave-up",
        durationMs: 30_000,
        runId: null,
      },
    ]);
    expect(
      report.recoveries.every((recovery: { at: string }) => new Date(recovery.at).toISOString() === recovery.at),
    ).toBe(true);
    expect(report.summary).toEqual({
      total: 4,
      recovered: 2,
      byOutcome: { recovered: 2, "gave-up": 1, escalated: 1 },
      successRate: 50,
      meanTimeToRecoverMs: 30_600,
      topErrorClasses: [
        { errorClass: "network", count: 2 },
        { errorClass: "agent-timeout", count: 1 },
        { errorClass: "rate-limit", count: 1 },
      ],
    });
  });

  it("recovery-report prints the attempts and the summary for people, and honours --since", async () => {
    const all = await world.cli(["recovery-report"]);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^🩹 4 recovery attempts recorded\n/);
    expect(all.stdout).toMatch(/#3 {2}✅ recovered {2}network {8}backoff {7}3 tries {2}1\.2 s\n/);
    expect(all.stdout).toMatch(/— {3}✅ recovered {2}rate-limit {5}wait-reset {6}1 try {2}1 min\n/);
    expect(all.stdout).toMatch(/#5 {2}🚨 escalated {2}agent-timeout {2}escalate {6}2 tries {2}15 min\n/);
    expect(all.stdout).toMatch(/#5 {2}❌ gave-up {4}network {8}backoff {7}5 tries {2}30\.0 s\n/);
    expect(all.stdout).toContain(
      "Σ 4 attempts: 2 recovered (50%) · 1 gave up · 1 escalated · mean time to recover 30.6 s\n",
    );
    expect(all.stdout).toContain("  most frequent: network 2 · agent-timeout 1 · rate-limit 1\n");

    const recent = await world.cli(["recovery-report", "--since", "30m", "--json"]);
    expect(JSON.parse(recent.stdout).summary).toMatchObject({
      total: 3,
      recovered: 1,
      successRate: 33.3,
      meanTimeToRecoverMs: 60_000,
    });
  });

  it("refuses a --since it cannot read with exit 2 and a hint", async () => {
    const result = await world.cli(["drift-report", "--since", "fortnight"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^error: --since "fortnight" is neither a duration nor an ISO date\nhint: .*30m, 24h or 7d/,
    );
  });
});

describe("the reports where the loop never ran", () => {
  it("say nothing was recorded and exit 0, creating no state and asking GitHub nothing", async () => {
    const env = { ...world.env, MY_LITTLE_SODA_GITHUB_TOKEN: "" };
    const drift = await world.cli(["drift-report"], { env });
    expect(drift).toMatchObject({ code: 0, stderr: "" });
    expect(drift.stdout).toMatch(/^✅ No drift recorded\.\n/);
    const recovery = await world.cli(["recovery-report", "--since", "7d"], { env });
    expect(recovery.code).toBe(0);
    expect(recovery.stdout).toMatch(/^✅ No recovery recorded since \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\.\n/);
    expect(existsSync(path.join(world.clone, ".my-little-soda"))).toBe(false);
    expect(world.server.requests).toEqual([]);
  });

  it("give empty arrays and zero or null figures in JSON", async () => {
    const drift = await world.cli(["drift-report", "--issue", "3", "--json"]);
    expect(drift.code).toBe(0);
    expect(JSON.parse(drift.stdout)).toEqual({
      schemaVersion: 1,
      drifts: [],
      summary: { total: 0, bySeverity: { critical: 0, moderate: 0, minor: 0 }, byKind: {} },
    });
    const recovery = await world.cli(["recovery-report", "--json"]);
    expect(recovery.code).toBe(0);
    expect(JSON.parse(recovery.stdout)).toEqual({
      schemaVersion: 1,
      recoveries: [],
      summary: {
        total: 0,
        recovered: 0,
        byOutcome: { recovered: 0, "gave-up": 0, escalated: 0 },
        successRate: null,
        meanTimeToRecoverMs: null,
        topErrorClasses: [],
      },
    });
  });

  it("are empty, not an error, after init but before any loop", async () => {
    await initialiseRepository(world);
    const result = await world.cli(["recovery-report"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^✅ No recovery recorded\.\n/);
  });
});
