import { describe, expect, it } from "vitest";
import { run } from "../../../src/cli/main.js";
import { Output } from "../../../src/cli/output.js";
import type { CommandHandler } from "../../../src/cli/command-context.js";
import type { DriftReportOptions } from "../../../src/cli/commands/drift-report.js";
import type { RecoveryReportOptions } from "../../../src/cli/commands/recovery-report.js";
import { renderDriftReport } from "../../../src/cli/render/render-drift-report.js";
import { renderRecoveryReport } from "../../../src/cli/render/render-recovery-report.js";
import { buildDriftReport } from "../../../src/core/reports/drift-report.js";
import { buildRecoveryReport } from "../../../src/core/reports/recovery-report.js";
import { memoryIo } from "../../support/memory-io.js";

function recording<O>() {
  const seen: O[] = [];
  const handler: CommandHandler<O> = async (options) => {
    seen.push(options);
    return 0;
  };
  return { seen, handler };
}

describe("argv → options for the reports", () => {
  it("maps drift-report --since and --issue, both optional", async () => {
    const drift = recording<DriftReportOptions>();
    expect(
      await run(["drift-report", "--since", "24h", "--issue", "3", "--json"], memoryIo(), {
        driftReport: drift.handler,
      }),
    ).toBe(0);
    await run(["drift-report"], memoryIo(), { driftReport: drift.handler });
    expect(drift.seen).toEqual([
      { since: "24h", issue: 3, now: false },
      { since: undefined, issue: undefined, now: false },
    ]);
  });

  it("maps recovery-report --since", async () => {
    const recovery = recording<RecoveryReportOptions>();
    await run(["recovery-report", "--since", "2024-05-01"], memoryIo(), { recoveryReport: recovery.handler });
    await run(["recovery-report"], memoryIo(), { recoveryReport: recovery.handler });
    expect(recovery.seen).toEqual([{ since: "2024-05-01" }, { since: undefined }]);
  });

  it("refuses a bad --issue with exit 2", async () => {
    const io = memoryIo();
    expect(await run(["drift-report", "--issue", "three"], io)).toBe(2);
    expect(io.err.join("")).toMatch(/hint: run `my-little-soda drift-report --help`/);
  });

  it("refuses a bad --since with exit 2 and a hint, before looking for a repository", async () => {
    for (const command of ["drift-report", "recovery-report"]) {
      const io = memoryIo();
      expect(await run([command, "--since", "last tuesday"], io)).toBe(2);
      expect(io.err.join("")).toBe(
        'error: --since "last tuesday" is neither a duration nor an ISO date\nhint: give a duration back from now, such as 30m, 24h or 7d, or an ISO date or time (UTC unless it has an offset), such as 2024-05-01 or 2024-05-01T14:30:00Z\n',
      );
    }
  });
});

const drifts = buildDriftReport([
  {
    id: 1,
    at: new Date("2024-05-01T10:00:00.123Z"),
    issueNumber: 3,
    kind: "issue-closed",
    severity: "critical",
    expected: { state: "open" },
    found: { state: "closed" },
    action: "stopped-agent",
    outcome: "work preserved",
  },
  {
    id: 2,
    at: new Date("2024-05-01T10:05:00Z"),
    issueNumber: 12,
    kind: "base-ahead",
    severity: "moderate",
    expected: { behind: 0 },
    found: { behind: 42 },
    action: "rebased",
    outcome: "ok",
  },
]);
const recoveries = buildRecoveryReport([
  {
    id: 1,
    at: new Date("2024-05-01T10:00:00Z"),
    issueNumber: 3,
    errorClass: "network",
    strategy: "backoff",
    tries: 3,
    outcome: "recovered",
    durationMs: 1_500,
  },
  {
    id: 2,
    at: new Date("2024-05-01T11:00:00Z"),
    errorClass: "agent-timeout",
    strategy: "escalate",
    tries: 1,
    outcome: "escalated",
    durationMs: 300,
  },
]);

function render(draw: (out: Output) => void, options: { tty?: boolean; quiet?: boolean } = {}): string {
  const io = memoryIo(options.tty);
  draw(new Output(io, { json: false, quiet: options.quiet ?? false, debug: false, color: true }));
  return io.out.join("");
}

describe("human output of the reports", () => {
  it("lists drifts with their severity, expected and found, then the summary", () => {
    expect(render((out) => renderDriftReport(drifts, out, { issueNumber: 3 }))).toBe(
      [
        "🧭 2 drifts recorded for #3",
        "  2024-05-01 10:00:00Z  #3   🔴 critical  issue-closed  stopped-agent → work preserved",
        "                             expected state=open; found state=closed",
        "  2024-05-01 10:05:00Z  #12  🟠 moderate  base-ahead    rebased → ok",
        "                             expected behind=0; found behind=42",
        "",
        "Σ 2 drifts: 🔴 1 critical · 🟠 1 moderate · 🔵 0 minor",
        "  by kind: base-ahead 1 · issue-closed 1",
        "",
      ].join("\n"),
    );
  });

  it("lists recovery attempts, then the success rate, mean time to recover and frequent errors", () => {
    expect(render((out) => renderRecoveryReport(recoveries, out))).toBe(
      [
        "🩹 2 recovery attempts recorded",
        "  2024-05-01 10:00:00Z  #3  ✅ recovered  network        backoff     3 tries  1.5 s",
        "  2024-05-01 11:00:00Z  —   🚨 escalated  agent-timeout  escalate      1 try  300 ms",
        "",
        "Σ 2 attempts: 1 recovered (50%) · 1 escalated · mean time to recover 1.5 s",
        "  most frequent: agent-timeout 1 · network 1",
        "",
      ].join("\n"),
    );
  });

  it("says when nothing was recorded", () => {
    const since = new Date("2024-05-01T00:00:00Z");
    expect(render((out) => renderDriftReport(buildDriftReport([]), out, { since }), { quiet: true })).toBe(
      "✅ No drift recorded since 2024-05-01 00:00:00Z.\n",
    );
    expect(render((out) => renderRecoveryReport(buildRecoveryReport([]), out), { quiet: true })).toBe(
      "✅ No recovery recorded.\n",
    );
  });

  it("colours severities and outcomes on a terminal only", () => {
    const ESC = "\u001b[";
    expect(render((out) => renderDriftReport(drifts, out))).not.toContain(ESC);
    expect(render((out) => renderDriftReport(drifts, out), { tty: true })).toContain(`${ESC}31m${ESC}1mcritical`);
    expect(render((out) => renderRecoveryReport(recoveries, out), { tty: true })).toContain(`${ESC}32mrecovered`);
  });
});
