import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.js";
import { runCli } from "../support/run-cli.js";

/**
 * The issues the seed leaves free to start once the manual part delivered #4, in queue order, and the
 * PR each gets. #3 is not among them: its body says it is blocked by #7, which stays open in review.
 */
const LOOP = [
  { issue: 2, title: "Fix the fizz counter overflow", pr: 9 },
  { issue: 7, title: "Café-grade crème soda ☕", pr: 10 },
  { issue: 1, title: "Add a cherry flavour", pr: 11 },
];

/** The loop's pull request the demo takes through failing CI, rework, approval and landing. */
const REVIEWED = { issue: 2, pr: 9 };

describe("my-little-soda demo", () => {
  it("runs the scripted session against the built-in server with no token", async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), "mls-demo-home-"));
    const env = { PATH: process.env.PATH, HOME: home, GIT_CONFIG_GLOBAL: "/dev/null", NO_COLOR: "1" };
    const result = await runCli(["demo", "--keep"], { cwd: home, env });
    const kept = /Kept the repository at (.+)$/m.exec(result.stdout)?.[1];
    try {
      expect(result.stderr).toBe(
        "error: agent001 already holds a claim on #4 (Build is red on main)\nhint: deliver it with `my-little-soda bottle`, or release it with `my-little-soda reset`; another agent id (--agent) can work in parallel\n",
      );
      expect(result.code).toBe(0);

      // The manual part: init, peek, pop, bottle, status, a merge.
      expect(result.stdout).toContain("$ my-little-soda init");
      expect(result.stdout).toMatch(/route:review\s+created/);
      expect(result.stdout).toMatch(/route:ready\s+updated \(color ededed → 0052cc/);
      expect(result.stdout).toMatch(/#4 Build is red on main/);
      expect(result.stdout).toMatch(/\$ my-little-soda doctor\n[\s\S]*🩺 13 ok, 2 warnings: ready for a first run\./);
      expect(result.stdout).toMatch(
        /\$ my-little-soda peek --explain\n[\s\S]*🔎 Why this order[\s\S]*⏳ #3 Document the bottling process\n {5}waits for #7\n/,
      );
      expect(result.stdout).toMatch(/✅ agent001 claimed #4 Build is red on main/);
      expect(result.stdout).toMatch(/✅ Pull request opened: #8 for #4/);
      expect(result.stdout).toMatch(/👀 In review \(1\)\n {3}#8 Build is red on main/);
      expect(result.stdout).toContain("merged #8; closed by it: #4");
      expect(result.stdout).toMatch(/The merge closed the issue[\s\S]*#2 Fix the fizz counter overflow/);

      // The autonomous part: the agent configured, a dry run, then the loop through the rest of the queue.
      const loopPart = result.stdout.slice(result.stdout.indexOf("# Now let an agent work through the rest"));
      expect(loopPart).toMatch(/^\[autonomous\]\nagent_command = \[".*node.*", ".*agent\.mjs", .*\]$/m);
      expect(loopPart).toMatch(
        /\$ my-little-soda spawn --autonomous --dry-run\nNext from the queue: #2 Fix the fizz counter overflow/,
      );
      expect(loopPart).toContain("$ my-little-soda spawn --autonomous --until-empty");
      expect(loopPart).toMatch(/#7 check-evidence → failed: .*the agent exited 3/);
      expect(loopPart).toMatch(/#7 deliver → done \(attempt 2\)/);
      expect(loopPart).toContain(
        "Loop completed: the queue is empty; in review, waiting for review: #9, #10, #11. 3 done.",
      );
      for (const { issue, pr } of LOOP) expect(loopPart).toMatch(new RegExp(`✅ #${issue} done → PR #${pr} `));
      expect(loopPart).toMatch(/👀 In review \(3\)\n {3}#9 Fix the fizz counter overflow/);
      expect(loopPart).toMatch(
        /📋 Queue: 0 ready\n⏳ Waiting for dependencies \(1\)\n {3}#3 Document the bottling process \(waits for #7\)/,
      );

      // The review phase: CI fails on PR #9, the loop reworks it, a reviewer approves, the loop lands it.
      const reviewPart = loopPart.slice(loopPart.indexOf("# GitHub Actions runs CI on PR #9"));
      expect(reviewPart).toMatch(/^❌ CI › test: failure on [0-9a-f]{7}, the head of PR #9$/m);
      const [rework = "", landing = ""] = reviewPart.split("$ my-little-soda spawn --autonomous --once\n").slice(1);
      expect(rework).toMatch(/#2 claim → prepare[^\n]*: rework round 1 of PR #9: ci-failed/);
      expect(rework).toMatch(/#2 deliver[^\n]*: commented on PR #9/);
      expect(rework).toMatch(/#2 deliver → done[^\n]*: rework round 1 of PR #9 delivered/);
      expect(rework).toContain("Loop completed: --once: one pull request reworked. 1 done.");
      expect(rework).toMatch(/#2 claim → prepare \(rework round 1\)/);
      expect(rework).toContain("✅ #2 reworked → PR #9");
      // The prompt the agent ran with holds the failing job's log, without Actions' timestamps.
      expect(rework).toMatch(/^ {3}You are reworking pull request #9 \(.*\) for issue #2 of this repository:$/m);
      expect(rework).toMatch(/^ {3}### CI failed\n {3}#### `test`: failure\n/m);
      expect(rework).toMatch(/^ {3}```text\n {3}##\[group\]Run npm test\n[\s\S]* {5}256 !== 0\n/m);
      expect(rework).toContain("   ##[error]Process completed with exit code 1.\n   ```\n");
      expect(rework).not.toMatch(/^ {3}\d{4}-\d\d-\d\dT/m);
      // One comment on the pull request, naming the round and the reason.
      expect(rework.match(/reworked this pull request/g)).toHaveLength(1);
      expect(rework).toMatch(
        /^@octocat on PR #9:\n {3}🥤 \*\*my-little-soda reworked this pull request\*\*: agent001, round 1 of 3\.\n\n {3}- CI failed \(test\): addressed\n\n {3}New commits:\n {3}- [0-9a-f]{7} Work on #2 \(run 2\)$/m,
      );
      const reworked = /^ {3}- ([0-9a-f]{7}) Work on #2 \(run 2\)$/m.exec(rework)?.[1];
      expect(rework).toContain(`✅ CI › test passed on ${reworked}\n✅ @mona approved PR #9 at ${reworked}`);
      expect(rework).toContain("🏷️  @mona added route:ready_to_merge");
      expect(landing).toMatch(/#2 claim → land \(landing\): PR #9 is ready to land/);
      expect(landing).toContain("✅ #2 landed → PR #9");
      expect(landing).toMatch(/#2 land[^\n]*: merged PR #9 \(merge\)/);
      expect(landing).toMatch(/#2 land[^\n]*: branch agent001\/2-fix-the-fizz-counter-overflow: deleted/);
      expect(landing).toMatch(/#2 land → done[^\n]*: PR #9 landed; #2 closes with it/);
      expect(landing).toMatch(/👀 In review \(2\)\n {3}#10 Café-grade crème soda ☕/);
      expect(landing).not.toMatch(/^ {3}#9 /m);

      // GitHub afterwards: PR #9 merged and #2 closed; each other PR closes its issue, which waits in route:review; the rest untouched.
      expect(landing).toMatch(
        /^ {3}#2 Fix the fizz counter overflow: closed; route:priority-high; @octocat; PR #9 \(merged, branch deleted\); 0 comments$/m,
      );
      for (const { issue, title, pr } of LOOP.filter((item) => item.issue !== REVIEWED.issue)) {
        expect(landing).toMatch(
          new RegExp(
            `^ {3}#${issue} ${escape(title)}: open; (route:priority-[a-z-]+, )?route:review; @octocat; PR #${pr} \\(open\\); 0 comments$`,
            "m",
          ),
        );
      }
      expect(landing).toMatch(
        /^ {3}#4 Build is red on main: closed; .*PR #8 \(merged, branch agent001\/4-build-is-red-on-main kept\)/m,
      );
      expect(landing).toMatch(
        /^ {3}#5 Rotate the production secrets: open; route:ready, route:human-only; unassigned; no PR; 0 comments$/m,
      );
      expect(landing).toMatch(/^ {3}#6 Rename the fizz module: open; route:ready; @hubot; no PR; 0 comments$/m);
      expect(landing).toMatch(
        /^ {3}#3 Document the bottling process: open; route:ready, route:priority-low; unassigned; no PR; 0 comments$/m,
      );
      expect(landing).toContain("Claim refs on GitHub (refs/my-little-soda/claims/*): none");
      expect(landing).toMatch(/\$ my-little-soda recovery-report\n[\s\S]*#7[^\n]*agent-failure/);
      expect(landing).toMatch(
        /\$ my-little-soda continuity-status\n[\s\S]*#2 \(landing PR #9\) done[\s\S]*claim → land → done/,
      );
      // The morning report, from the loop's ledger checked against GitHub.
      const report = landing.slice(landing.indexOf("$ my-little-soda report --since 12h"));
      expect(report).toContain("🙋 Needs you (2)");
      expect(report).toContain("👀 PR #11 (#1) Add a cherry flavour — awaiting review");
      expect(report).toContain("👀 PR #10 (#7) Café-grade crème soda ☕ — awaiting review");
      expect(report).toContain("Issues delivered 3 · PRs opened 3 · merged 1 · closed 0 · escalated 0");
      expect(report).toContain("Rework rounds 1 · failed attempts 1");
      expect(result.stdout).toContain("Demo finished: 21/21 commands behaved as expected");

      // Checked behind the demo's back, in the kept sandbox: the origin repository and the loop's store.
      expect(kept).toBeDefined();
      const clone = kept ?? "";
      const origin = path.join(path.dirname(clone), "fizzy-pop.git");
      const git = (...args: string[]) =>
        execFileSync("git", args, { cwd: origin, encoding: "utf8", env: { ...env, GIT_CONFIG_NOSYSTEM: "1" } }).trim();
      expect(git("for-each-ref", "--format=%(refname)", "refs/my-little-soda/")).toBe("");
      const branches = git("for-each-ref", "--format=%(refname:short)", "refs/heads/agent001/").split("\n");
      for (const { issue } of LOOP.filter((item) => item.issue !== REVIEWED.issue)) {
        const branch = branches.find((name) => name.startsWith(`agent001/${issue}-`));
        expect(branch, `a branch for #${issue}`).toBeDefined();
        expect(git("ls-tree", "-r", "--name-only", branch ?? "")).toContain(`work-${issue}.txt`);
      }
      // #2 landed: its branch is gone, and main holds both the delivered and the reworked commit.
      expect(branches.filter((name) => name.startsWith(`agent001/${REVIEWED.issue}-`))).toEqual([]);
      expect(git("show", "main:work-2.txt")).toBe("run 1 on #2\nrun 2 on #2");
      expect(git("log", "-1", "--format=%s", "main")).toMatch(/^Merge pull request #9 /);
      const store = openStore({ path: path.join(clone, ".my-little-soda", "my-little-soda.db") });
      try {
        for (const { issue } of LOOP) {
          expect(
            store.attemptsFor(issue).map((item) => item.state),
            `attempts at #${issue}`,
          ).toEqual(issue === 7 ? ["failed", "done"] : issue === REVIEWED.issue ? ["done", "done", "done"] : ["done"]);
        }
        expect(store.attemptsFor(REVIEWED.issue).map((item) => `${item.kind}:${item.state}`)).toEqual([
          "deliver:done",
          "rework:done",
          "land:done",
        ]);
        expect(store.attemptsFor(3)).toEqual([]);
        expect(store.attemptsFor(5)).toEqual([]);
        expect(store.attemptsFor(6)).toEqual([]);
      } finally {
        store.close();
      }
      const logs = readdirSync(path.join(clone, ".my-little-soda", "logs"));
      expect(logs.filter((name) => name.startsWith("7-"))).toHaveLength(2);
      // #2's agent ran twice: the delivery and the rework round.
      expect(logs.filter((name) => name.startsWith("2-"))).toHaveLength(2);
    } finally {
      if (kept) rmSync(path.dirname(kept), { recursive: true, force: true });
      rmSync(home, { recursive: true, force: true });
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
