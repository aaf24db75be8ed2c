import { appendFile } from "node:fs/promises";
import path from "node:path";
import { configureDemoAgent, describeRepository, scriptAgent } from "../../demo/demo-loop.js";
import {
  checkLanded,
  checkReworked,
  failCi,
  passCiAndApprove,
  showReworkComment,
  showReworkPrompt,
} from "../../demo/demo-review.js";
import { seedDemo, type DemoWorld } from "../../demo/seed-demo.js";
import { ExitCode } from "../../errors/index.js";
import type { Io } from "../io.js";
import type { CommandContext } from "../command-context.js";

export interface DemoOptions {
  keep: boolean;
}

type Step =
  | {
      say: string;
      argv: string[];
      /** The exit code expected (default 0). */
      expect?: number;
      /** What the command must have done, checked on the server afterwards: a problem, or undefined. */
      check?: (world: DemoWorld) => string | undefined | Promise<string | undefined>;
    }
  | { say: string; show: string; act: (world: DemoWorld) => string | void | Promise<string | void> };

/** The scripted session the demo runs, in order; `argv` steps are real CLI invocations. */
const STEPS: readonly Step[] = [
  { say: "Set up the repository: labels, config file, .my-little-soda/", argv: ["init"] },
  { say: "Running it again changes nothing", argv: ["init", "--quiet"] },
  { say: "Is everything a first run needs in place? (reads only; ⚠️ are advice)", argv: ["doctor"] },
  { say: "What would an agent take next?", argv: ["peek"] },
  { say: "The first three in queue order", argv: ["peek", "-n", "3"] },
  {
    say: "Why that order — and why #3 is missing: its body says it is blocked by #7, which is still open",
    argv: ["peek", "--explain"],
  },
  { say: "The same, for scripts", argv: ["peek", "--json"] },
  {
    say: "Commit the setup",
    show: "git add my-little-soda.toml .my-little-soda && git commit -m 'Set up my-little-soda' && git push",
    act: async (world) => {
      await world.sandbox.git(world.clone, ["add", "my-little-soda.toml", ".my-little-soda"]);
      await world.sandbox.git(world.clone, ["commit", "-q", "-m", "Set up my-little-soda"]);
      await world.sandbox.git(world.clone, ["push", "-q", "origin", "HEAD"]);
    },
  },
  { say: "Claim the most important task (race-free) and get a branch", argv: ["pop"] },
  { say: "A second pop by the same agent is refused: one claim at a time", argv: ["pop"], expect: ExitCode.usage },
  {
    say: "The agent does the work (scripted here)",
    show: "echo 'fixed: the build' >> src/flavours.txt && git commit -am 'Fix the build'",
    act: async (world) => {
      await appendFile(path.join(world.clone, "src/flavours.txt"), "fixed: the build\n");
      await world.sandbox.git(world.clone, ["commit", "-q", "-am", "Fix the build"]);
    },
  },
  { say: "Deliver it as a pull request", argv: ["bottle"] },
  { say: "The whole picture", argv: ["status"] },
  {
    say: "A person reviews and merges the pull request on GitHub",
    show: "(merge the PR in the web UI)",
    act: async (world) => {
      const repo = world.server.repo(world.owner, world.repo);
      const pull = repo.pulls().find((candidate) => candidate.state === "open");
      if (!pull) return "no open pull request to merge";
      await repo.mergePull(pull.number);
      const closed = repo.issues().filter((issue) => !issue.isPullRequest && issue.state === "closed");
      return `merged #${pull.number}; closed by it: ${closed.map((issue) => `#${issue.number}`).join(", ") || "nothing"}`;
    },
  },
  { say: "The merge closed the issue; the queue moves on", argv: ["peek"] },
  {
    say: "Now let an agent work through the rest unattended: tell the loop which agent to run",
    show: `$EDITOR my-little-soda.toml   # [autonomous] agent_command = ["node", "scripted-agent.mjs", …]`,
    act: configureDemoAgent,
  },
  {
    say: "For the demo, the scripted agent's first try at #7 fails — watch the loop try again",
    show: "(scripted agent: exit 3 on its first run for #7)",
    act: (world) => scriptAgent(world, 7, "fail"),
  },
  { say: "What would the loop do? (changes nothing)", argv: ["spawn", "--autonomous", "--dry-run"] },
  {
    say: "Run the loop until the queue is empty: claim, worktree, agent, evidence, verify, deliver — issue after issue",
    argv: ["spawn", "--autonomous", "--until-empty"],
  },
  {
    say: "The whole picture again: every issue free to start is in review; #3 still waits for #7",
    argv: ["status"],
  },
  {
    say: "GitHub Actions runs CI on PR #9 (for #2) — and a test fails",
    show: "(CI › test on the pull request's head)",
    act: failCi,
  },
  {
    say: "The loop follows its own pull requests: it reads the failed job's log and has the agent rework PR #9",
    argv: ["spawn", "--autonomous", "--once"],
    check: checkReworked,
  },
  {
    say: "What the agent was told: .my-little-soda/rework.md, filled in with the failing job's log",
    show: "(the prompt file the agent ran with, shortened to its opening and the CI part)",
    act: showReworkPrompt,
  },
  {
    say: "The one comment the loop left on the pull request (it pushed to the same branch)",
    show: "(PR #9's conversation on GitHub)",
    act: showReworkComment,
  },
  {
    say: "CI passes on the new head; mona, who has write access, approves it and adds route:ready_to_merge",
    show: "(CI on GitHub; mona reviews and labels PR #9 in the web UI)",
    act: passCiAndApprove,
  },
  {
    say: "Approved on its current head, checks green, route:ready_to_merge by a writer (auto_merge is off): the loop lands it",
    argv: ["spawn", "--autonomous", "--once"],
    check: checkLanded,
  },
  { say: "The whole picture: #9 is gone from review, two pull requests wait for people", argv: ["status"] },
  {
    say: "On GitHub: #2 closed by its merged PR, whose branch is gone; the rest wait for review; the human-only issue and hubot's issue were left alone",
    show: "(look at the issues, pull requests and refs on GitHub)",
    act: describeRepository,
  },
  { say: "What went wrong on the way, and how the loop recovered (#7's failed first try)", argv: ["recovery-report"] },
  { say: "The loop's last checkpoint, and what a restart would do", argv: ["continuity-status"] },
  {
    say: "The morning report: what happened, and what needs you (also --markdown, --json, --html FILE)",
    argv: ["report", "--since", "12h"],
  },
];

/**
 * `my-little-soda demo`: a local GitHub server, a seeded repository and a clone, and the
 * commands run against them exactly as a user would type them — no token, no network.
 */
export async function runDemo(options: DemoOptions, { io, out }: CommandContext): Promise<number> {
  const { run } = await import("../main.js");
  out.line(out.color.bold("🥤 my-little-soda demo"));
  out.info("Starting a local GitHub server with a seeded repository (no token, no network needed)…");
  const world = await seedDemo();
  out.info(out.color.dim(`   API ${world.server.url}, clone at ${world.clone}`));
  let failed = 0;
  const commands = STEPS.filter((step) => "argv" in step).length;
  try {
    for (const step of STEPS) {
      out.line("");
      out.line(out.color.cyan(`# ${step.say}`));
      if ("act" in step) {
        out.line(out.color.bold(`$ ${step.show}`));
        const said = await step.act(world);
        if (said) out.line(said);
        continue;
      }
      out.line(out.color.bold(`$ my-little-soda ${step.argv.join(" ")}`));
      const stepIo: Io = { stdout: io.stdout, stderr: io.stderr, env: world.env, cwd: world.clone };
      const code = await run(step.argv, stepIo);
      const problem = code !== (step.expect ?? ExitCode.ok) ? `unexpected exit ${code}` : await step.check?.(world);
      if (problem !== undefined) {
        failed += 1;
        out.line(out.color.red(`(${problem})`));
      } else if (code !== ExitCode.ok) {
        out.line(out.color.dim(`(exit ${code}, as expected)`));
      }
    }
    out.line("");
    out.line(
      `🥤 Demo finished: ${commands - failed}/${commands} commands behaved as expected; ${world.server.requests.length} requests served by the local GitHub.`,
    );
    if (options.keep) out.line(`   Kept the repository at ${world.clone}`);
  } finally {
    await world.close(options.keep);
  }
  return failed === 0 ? ExitCode.ok : ExitCode.internal;
}
