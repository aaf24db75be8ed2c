import { describe, expect, it } from "vitest";
import type { CommandHandler } from "../../../src/cli/command-context.js";
import type { ReportOptions } from "../../../src/cli/commands/report.js";
import { run } from "../../../src/cli/main.js";
import { Output } from "../../../src/cli/output.js";
import { renderReport } from "../../../src/cli/render/render-report.js";
import { REPORT_CSP, renderReportHtml } from "../../../src/cli/render/render-report-html.js";
import { renderReportMarkdown } from "../../../src/cli/render/render-report-markdown.js";
import { niceMax } from "../../../src/cli/render/report-svg.js";
import { loopPaceWords } from "../../../src/cli/render/report-words.js";
import type { Report } from "../../../src/core/report/report-types.js";
import { report } from "../../support/report-fixture.js";
import { memoryIo } from "../../support/memory-io.js";

const HOSTILE = `<script>alert("pwned")</script><img src=x onerror=alert(1)> & 'quotes' | [link](https://evil.example)`;

/** The fixture's report with untrusted text from GitHub and agents in every field that shows it. */
async function hostileReport(): Promise<Report> {
  const { result } = await report();
  return {
    ...result,
    needsYou: result.needsYou.map((item) => ({ ...item, title: HOSTILE, reason: HOSTILE })),
    issues: result.issues.map((issue) => ({ ...issue, title: HOSTILE })),
    pulls: result.pulls.map((pull) => ({ ...pull, title: HOSTILE, failingChecks: [HOSTILE] })),
    escalations: result.escalations.map((escalation) => ({ ...escalation, reason: HOSTILE })),
    loopRuns: result.loopRuns.map((entry) => ({ ...entry, reason: HOSTILE })),
    failuresByClass: [{ errorClass: HOSTILE, count: 1 }],
  };
}

describe("argv → options for report", () => {
  it("maps --since (24h by default), --markdown and --html", async () => {
    const seen: ReportOptions[] = [];
    const handler: CommandHandler<ReportOptions> = async (options) => {
      seen.push(options);
      return 0;
    };
    await run(["report"], memoryIo(), { report: handler });
    await run(["report", "--since", "7d", "--markdown", "--html", "out/report.html"], memoryIo(), { report: handler });
    expect(seen).toEqual([
      { since: "24h", markdown: false, html: undefined },
      { since: "7d", markdown: true, html: "out/report.html" },
    ]);
  });

  it("refuses a bad --since with exit 2 before looking for a repository", async () => {
    const io = memoryIo();
    expect(await run(["report", "--since", "yesterday-ish"], io)).toBe(2);
    expect(io.err.join("")).toMatch(/^error: --since "yesterday-ish" is neither a duration nor an ISO date\nhint: /);
  });
});

describe("the HTML page", () => {
  it("is self-contained: a CSP that allows nothing to load, no script, no URL of any kind", async () => {
    const html = renderReportHtml((await report()).result);
    expect(REPORT_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    // The fixture's pull requests and issues have github.test URLs: none is linked.
    expect(html).not.toMatch(/[a-z]+:\/\//i);
    // Hostile titles stay text: no element or handler of theirs survives.
    expect(renderReportHtml(await hostileReport())).not.toMatch(/<script|<img|<link|<iframe|<[^>]*\son[a-z]+=/i);
  });

  it("escapes every text from GitHub wherever it is shown", async () => {
    const html = renderReportHtml(await hostileReport());
    const escaped =
      "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &#39;quotes&#39;";
    expect(html.split(escaped).length - 1).toBeGreaterThan(5);
    expect(html).not.toContain(HOSTILE.slice(0, 20));
  });

  it("has its three charts as inline SVG, drawn even when there is nothing to show", async () => {
    const { result } = await report();
    const empty: Report = {
      ...result,
      outcomes: Object.fromEntries(Object.keys(result.outcomes).map((key) => [key, 0])) as Report["outcomes"],
      throughput: {
        ...result.throughput,
        series: result.throughput.series.map((bucket) => ({
          ...bucket,
          delivered: 0,
          merged: 0,
          escalated: 0,
          failed: 0,
        })),
      },
      cycleTime: {
        ...result.cycleTime,
        distribution: result.cycleTime.distribution.map((bin) => ({ ...bin, claimToPr: 0, prToMerge: 0 })),
      },
    };
    for (const page of [renderReportHtml(result), renderReportHtml(empty)]) {
      for (const id of ["chart-issues-over-time", "chart-outcomes", "chart-cycle-time"])
        expect(page).toMatch(new RegExp(`<svg id="${id}" class="chart" role="img"`));
    }
    expect(renderReportHtml(empty).split("nothing in this window").length - 1).toBe(3);
    expect(renderReportHtml(result)).not.toContain("nothing in this window");
  });

  it("scales the axes to round numbers", () => {
    expect([0, 1, 3, 7, 12, 20, 99].map(niceMax)).toEqual([1, 1, 5, 10, 20, 20, 100]);
  });
});

describe("the Markdown report", () => {
  it("keeps untrusted text inside its table cell", async () => {
    const markdown = renderReportMarkdown(await hostileReport());
    const needs = markdown.split("\n").filter((line) => line.startsWith("| 🚨 escalated"));
    expect(needs).toHaveLength(1);
    // Five cells: the pipe in the title and reason is escaped.
    expect(needs[0]?.split(/(?<!\\)\|/).length).toBe(6);
    // No HTML, link or image of the title's making where GitHub renders it.
    expect(markdown).not.toMatch(/<script|<img/);
    expect(markdown).not.toContain("[link](https://evil.example)");
    expect(markdown).toContain('&lt;script&gt;alert\\("pwned"\\)&lt;/script&gt;');
    expect(markdown).toContain("### 🙋 Needs you (6)");
    expect(markdown).toContain("| claim → PR | 30 min | 38 min | 2 |");
  });
});

describe("the terminal report", () => {
  it("starts with what needs you, then the figures; colour only on a terminal", async () => {
    const { result } = await report();
    const draw = (tty: boolean) => {
      const io = memoryIo(tty);
      renderReport(result, new Output(io, { json: false, quiet: false, debug: false, color: true }));
      return io.out.join("");
    };
    const plain = draw(false);
    expect(plain.split("\n").slice(0, 6)).toEqual([
      "📊 acme/widgets — last 12 h (2024-05-01 00:00:00Z → 2024-05-01 12:00:00Z)",
      "",
      "🙋 Needs you (6)",
      "  🚨 #3 Third <b> — escalated: the agent exited 3",
      "  💸 the loop — spend limit: the loop stopped: max_cost_usd_per_run $5.00 reached: the agents reported $5.10",
      "  ❌ PR #102 (#2) PR for #2 — CI failing: test failing",
    ]);
    expect(plain).toContain("  Issues delivered 2 · PRs opened 2 · merged 1 · closed 0 · escalated 1");
    expect(plain).toContain(
      "  Cycle time: claim → PR median 30 min · p90 38 min (2); PR → merge median 60 min · p90 60 min (1)",
    );
    expect(plain).not.toContain("\u001b[");
    expect(draw(true)).toContain("\u001b[");
  });
});

describe("the loops' pace", () => {
  it("is a rate per hour once the loops ran an hour, else the count and the time as they are", async () => {
    const { result } = await report();
    const withLoopTime = (activeMs: number): Report => ({
      ...result,
      totals: { ...result.totals, issuesDelivered: 3 },
      throughput: { ...result.throughput, activeMs, perActiveHour: 3 / (activeMs / 3_600_000) },
    });
    const seconds = (ms: number) => `${ms / 1000} s`;
    expect(loopPaceWords(withLoopTime(4_000), seconds)).toBe("3 delivered in 4 s of loop time");
    expect(loopPaceWords(withLoopTime(2 * 3_600_000), seconds)).toBe("1.5/h while a loop ran (7200 s)");
    expect(loopPaceWords({ ...result, throughput: { ...result.throughput, perActiveHour: null } }, seconds)).toBe(null);
  });
});
