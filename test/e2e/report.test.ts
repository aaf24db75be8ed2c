import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportJson } from "../../src/cli/json/report-json.js";
import { CYCLE_COLOURS, OUTCOME_WORDS, SERIES_WORDS } from "../../src/cli/render/report-words.js";
import type { ScriptedAgent } from "../../src/demo/scripted-agent.js";
import { initialiseRepository, OWNER, REPO, useSharedWorld, type World } from "../support/e2e-world.js";
import { configureLoop } from "../support/loop-world.js";
import { countColour, decodePng, distinctColours } from "../support/decode-png.js";
import { findChromium, runChromium, startCountingProxy } from "../support/headless-chromium.js";
import { headOf, labelAsOwner, reportCi } from "../support/review-world.js";

/**
 * `report` on the ledger of a real loop run: eleven issues through `spawn --autonomous` with
 * failed agent runs, a failed verification, an escalation, a rework round and a landing, then
 * people merging, closing and reviewing on GitHub. Every figure is checked against the store
 * (queried with SQL, not through the code under test) and the fake GitHub's state.
 */

const HOSTILE_TITLE = `Parse <script>alert("x")</script> & <img src=x onerror=1> "quoted"`;
const ISSUES = 11;
/** Issue numbers by the part they play. */
const FAILS_ONCE = 3;
const ESCALATED = 5;
const VERIFY_FAILS = 7;
const REWORKED = 1;
const MERGED_BY_PERSON = 2;
const CLOSED_BY_PERSON = 4;
const CI_FAILING = 6;
const CHANGES_REQUESTED = 9;
const GREEN = 10;

// The verify command fails when the agent's last line of work on #7 is its first run's (sh: cheaper than node per issue).
const VERIFY = ["sh", "-c", `! tail -n 1 work-${VERIFY_FAILS}.txt 2>/dev/null | grep -q "run 1 on #${VERIFY_FAILS}$"`];

const CHROMIUM = findChromium();
if (!CHROMIUM)
  console.warn(
    "report.test.ts: the --html browser test is skipped: no chromium, chromium-browser or google-chrome on PATH (.ci/run installs Debian's chromium where apt-get can)",
  );

let agent: ScriptedAgent;
const pullOf = (w: World, issue: number) => {
  const pull = w.repo.pulls().find((candidate) => candidate.headRef.startsWith(`agent001/${issue}-`));
  if (!pull) throw new Error(`no pull request for #${issue}`);
  return pull;
};

const currentWorld = useSharedWorld({ beforeAll, afterAll }, async (w) => {
  await initialiseRepository(w);
  agent = await configureLoop(w, { maxAttempts: 2, verify: VERIFY });
  for (let i = 1; i <= ISSUES; i++)
    w.repo.addIssue({ title: i === 8 ? HOSTILE_TITLE : `Task ${i}`, body: `Task ${i}`, labels: ["route:ready"] });
  await agent.behave(FAILS_ONCE, "fail");
  await agent.behave(ESCALATED, "fail", "fail");
  // A 502 on one listing: retried by the client and recorded as a recovery.
  w.server.injectFault({
    method: "POST",
    path: `/repos/${OWNER}/${REPO}/pulls`,
    kind: "status",
    status: 502,
    times: 1,
  });
  const loop = await w.cli(["spawn", "--autonomous", "--until-empty"]);
  if (loop.code !== 0) throw new Error(`the loop failed (${loop.code}): ${loop.stderr}\n${loop.stdout}`);

  // A rework round: CI fails on #1's pull request, the loop reworks it, CI passes, a person approves, the loop lands it.
  const reworked = pullOf(w, REWORKED);
  await reportCi(w, await headOf(w, reworked.headRef), "failure");
  const rework = await w.cli(["spawn", "--autonomous", "--once"]);
  if (rework.code !== 0) throw new Error(`the rework failed (${rework.code}): ${rework.stderr}`);
  await reportCi(w, await headOf(w, reworked.headRef), "success");
  await w.repo.addReview(reworked.number, { author: "owner", state: "APPROVED" });
  await labelAsOwner(w, reworked.number, "route:ready_to_merge");
  const landing = await w.cli(["spawn", "--autonomous", "--once"]);
  if (landing.code !== 0) throw new Error(`the landing failed (${landing.code}): ${landing.stderr}`);

  // People at work on GitHub since.
  await w.repo.mergePull(pullOf(w, MERGED_BY_PERSON).number);
  w.repo.closePull(pullOf(w, CLOSED_BY_PERSON).number);
  await reportCi(w, pullOf(w, CI_FAILING).headSha, "failure");
  await w.repo.addReview(pullOf(w, CHANGES_REQUESTED).number, { author: "owner", state: "CHANGES_REQUESTED" });
  await reportCi(w, pullOf(w, GREEN).headSha, "success");
});

async function reportJson(w: World): Promise<ReportJson> {
  const result = await w.cli(["report", "--since", "12h", "--json"]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as ReportJson;
}

function queryStore<T>(w: World, sql: string): T {
  const db = new Database(path.join(w.clone, ".my-little-soda", "my-little-soda.db"), { readonly: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}
const count = (w: World, sql: string) => queryStore<{ n: number }>(w, sql).n;

describe("report on a real loop run", () => {
  it("--json: every figure as the store and GitHub have it, in a bounded number of requests", async () => {
    const w = currentWorld();
    w.server.clearRequestLog();
    const report = await reportJson(w);
    const requests = w.server.requests.map((entry) => `${entry.method} ${entry.path}`);
    const pulls = w.repo.pulls();

    // The store.
    expect(report.totals.issuesDelivered).toBe(
      count(w, "SELECT COUNT(DISTINCT issue_number) AS n FROM work_items WHERE kind = 'deliver' AND state = 'done'"),
    );
    expect(report.totals.issuesDelivered).toBe(ISSUES - 1);
    expect(report.totals.escalations).toBe(count(w, "SELECT COUNT(*) AS n FROM work_items WHERE state = 'escalated'"));
    expect(report.totals.escalations).toBe(1);
    expect(report.totals.reworkRounds).toBe(
      count(w, "SELECT COUNT(*) AS n FROM work_items WHERE kind = 'rework' AND state = 'done'"),
    );
    expect(report.totals.reworkRounds).toBe(1);
    // Failed attempts: those marked failed, and the last one, which ended in the escalation.
    expect(report.totals.failedAttempts).toBe(
      count(w, "SELECT COUNT(*) AS n FROM work_items WHERE state IN ('failed', 'escalated')"),
    );
    expect(report.failuresByClass).toEqual([
      { errorClass: "agent-failure", count: 3 },
      { errorClass: "verify-failure", count: 1 },
    ]);
    expect(report.totals.recoveries).toBe(count(w, "SELECT COUNT(*) AS n FROM recovery_events"));
    expect(report.totals.recoveries).toBeGreaterThan(0);
    expect(report.totals.drifts).toBe(count(w, "SELECT COUNT(*) AS n FROM drift_events"));
    expect(report.agent.runs).toBe((await agent.runs()).length);
    expect(report.agent.timeMs).toBeGreaterThan(0);
    expect(report.loopRuns).toHaveLength(count(w, "SELECT COUNT(*) AS n FROM runs"));

    // GitHub.
    expect(report.totals.prsOpened).toBe(pulls.length);
    expect(report.totals.prsMerged).toBe(pulls.filter((pull) => pull.merged).length);
    expect(report.totals.prsMerged).toBe(2);
    expect(report.totals.prsClosed).toBe(pulls.filter((pull) => pull.state === "closed" && !pull.merged).length);
    expect(report.outcomes).toMatchObject({ merged: 2, "pr-closed": 1, escalated: 1, "in-review": ISSUES - 4 });
    for (const pull of report.pulls) {
      const actual = w.repo.pull(pull.number);
      expect(pull.state, `#${pull.number}`).toBe(actual.merged ? "merged" : actual.state);
    }
    expect(report.cycleTime.claimToPr.count).toBe(ISSUES - 1);
    expect(report.cycleTime.prToMerge.count).toBe(2);
    expect(report.cycleTime.claimToPr.medianMs).toBeLessThanOrEqual(report.cycleTime.claimToPr.p90Ms ?? 0);
    expect(report.cycleTime.distribution.reduce((sum, bin) => sum + bin.claimToPr, 0)).toBe(ISSUES - 1);

    // What needs a person, most pressing first.
    const needs = report.needsYou.map(
      (item) => `${item.kind} ${item.pr === null ? `#${item.issue}` : `PR #${item.pr}`}`,
    );
    expect(needs.slice(0, 3)).toEqual([
      `escalated #${ESCALATED}`,
      `ci-failing PR #${pullOf(w, CI_FAILING).number}`,
      `changes-requested PR #${pullOf(w, CHANGES_REQUESTED).number}`,
    ]);
    expect(report.needsYou[0]?.reason).toMatch(/exited 3/);
    expect(needs).toContain(`awaiting-review PR #${pullOf(w, GREEN).number}`);
    expect(report.escalations).toEqual([
      expect.objectContaining({ issue: ESCALATED, errorClass: "agent-failure", stillHumanOnly: true }),
    ]);
    expect(w.repo.issue(ESCALATED).labels).toContain("route:human-only");

    // The request bound: two listings, then three reads per open pull request checked (at most ten).
    const open = pulls.filter((pull) => pull.state === "open").length;
    expect(report.github.ciRead).toBe(Math.min(open, 10));
    expect(report.github.requests).toBe(2 + 3 * report.github.ciRead);
    expect(
      requests.filter((line) => !line.startsWith("GET /user") && !line.endsWith(`/repos/${OWNER}/${REPO}`)),
    ).toHaveLength(report.github.requests);
    expect(requests.every((line) => line.startsWith("GET "))).toBe(true);
  });

  it("--markdown prints the report and, in GitHub Actions, appends it to the job summary", async () => {
    const w = currentWorld();
    const summary = path.join(mkdtempSync(path.join(os.tmpdir(), "mls-report-summary-")), "summary.md");
    const env = { ...w.env, GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary };

    const result = await w.cli(["report", "--since", "12h", "--markdown"], { env });

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("### 🙋 Needs you");
    expect(result.stdout).toMatch(new RegExp(`\\| 🚨 escalated \\| \\[#${ESCALATED}\\]\\(`));
    expect(result.stdout).toContain("| claim → PR |");
    expect(readFileSync(summary, "utf8")).toBe(result.stdout);
    // Outside Actions nothing is written.
    const outside = await w.cli(["report", "--markdown"], { env: { ...w.env, GITHUB_STEP_SUMMARY: summary } });
    expect(outside.code).toBe(0);
    expect(readFileSync(summary, "utf8")).toBe(result.stdout);
  });

  it("the terminal report puts what needs you first", async () => {
    const w = currentWorld();
    const result = await w.cli(["report", "--since", "12h"]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toMatch(/^📊 acme\/widgets — last 12 h/);
    expect(lines[2]).toMatch(/^🙋 Needs you \(\d+\)$/);
    expect(lines[3]).toContain(`🚨 #${ESCALATED} Task ${ESCALATED} — escalated:`);
    expect(result.stdout).toMatch(/Issues delivered 10 · PRs opened 10 · merged 2 · closed 1 · escalated 1/);
  });

  it.skipIf(!CHROMIUM)(
    "--html: one self-contained page that headless Chromium renders with its three charts, making no request",
    async () => {
      const w = currentWorld();
      const dir = mkdtempSync(path.join(os.tmpdir(), "mls-report-html-"));
      const file = path.join(dir, "report.html");

      const result = await w.cli(["report", "--since", "12h", "--html", file]);

      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`🌐 Report written to ${file}`);
      const html = readFileSync(file, "utf8");
      expect(html).toContain(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
      );
      expect(html, "no URL of any kind").not.toMatch(/[a-z]+:\/\//i);
      expect(html).not.toMatch(/<script|<img|<link|<iframe/i);
      expect(html).toContain(
        "Parse &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=1&gt;",
      );

      const bin = CHROMIUM as string;
      const proxy = await startCountingProxy();
      try {
        // The control: a page that does fetch something is seen by the proxy, so zero below means zero.
        const control = path.join(dir, "control.html");
        writeFileSync(control, `<!doctype html><img src="http://report-test.invalid/pixel.png">`);
        await runChromium(bin, {
          proxy: proxy.url,
          profile: path.join(dir, "p0"),
          args: ["--dump-dom", pathToFileURL(control).href],
        });
        expect(proxy.seen().length, "the proxy sees what a page fetches").toBeGreaterThan(0);
        const before = proxy.seen().length;

        const page = pathToFileURL(file).href;
        const dom = await runChromium(bin, {
          proxy: proxy.url,
          profile: path.join(dir, "p1"),
          args: ["--dump-dom", page],
        });
        const png = path.join(dir, "report.png");
        await runChromium(bin, {
          proxy: proxy.url,
          profile: path.join(dir, "p2"),
          args: [`--screenshot=${png}`, "--window-size=1200,1600", page],
        });

        expect(proxy.seen().slice(before), "requests made by the report page").toEqual([]);
        for (const id of ["chart-issues-over-time", "chart-outcomes", "chart-cycle-time"]) {
          const chart = new RegExp(`<svg id="${id}"[^>]*>([\\s\\S]*?)</svg>`).exec(dom);
          expect(chart, id).not.toBeNull();
          expect((chart?.[1] ?? "").match(/<rect /g)?.length ?? 0, `bars in ${id}`).toBeGreaterThan(0);
        }
        expect(dom).toContain("&lt;script&gt;alert");

        const image = decodePng(readFileSync(png));
        expect([image.width, image.height]).toEqual([1200, 1600]);
        expect(distinctColours(image), "a rendered page, not a blank one").toBeGreaterThan(50);
        expect(countColour(image, SERIES_WORDS.delivered.colour), "issues over time").toBeGreaterThan(50);
        expect(countColour(image, OUTCOME_WORDS["in-review"].colour), "outcomes").toBeGreaterThan(50);
        expect(countColour(image, CYCLE_COLOURS.claimToPr), "cycle times").toBeGreaterThan(50);
      } finally {
        await proxy.close();
      }
    },
  );
});
