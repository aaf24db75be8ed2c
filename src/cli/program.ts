import { Argument, Command, InvalidArgumentError, Option } from "commander";
import { readVersion } from "../version.js";
import type { CommandHandler } from "./command-context.js";
import type { BottleOptions } from "./commands/bottle.js";
import type { CompletionOptions } from "./commands/completion.js";
import type { ContinuityStatusOptions } from "./commands/continuity-status.js";
import type { DemoOptions } from "./commands/demo.js";
import type { DoctorOptions } from "./commands/doctor.js";
import type { DriftReportOptions } from "./commands/drift-report.js";
import type { InitOptions } from "./commands/init.js";
import type { PeekOptions } from "./commands/peek.js";
import type { PopOptions } from "./commands/pop.js";
import type { RecoveryReportOptions } from "./commands/recovery-report.js";
import type { ReportOptions } from "./commands/report.js";
import type { ResetOptions } from "./commands/reset.js";
import type { SpawnOptions } from "./commands/spawn.js";
import type { StatusOptions } from "./commands/status.js";
import { COMPLETION_SHELLS } from "./completion/completion-model.js";
import { EXAMPLES, examplesHelp } from "./help-examples.js";
import type { GlobalOptions, Io } from "./io.js";
import type { Output } from "./output.js";

export interface CommandHandlers {
  init: CommandHandler<InitOptions>;
  peek: CommandHandler<PeekOptions>;
  status: CommandHandler<StatusOptions>;
  pop: CommandHandler<PopOptions>;
  bottle: CommandHandler<BottleOptions>;
  reset: CommandHandler<ResetOptions>;
  spawn: CommandHandler<SpawnOptions>;
  demo: CommandHandler<DemoOptions>;
  driftReport: CommandHandler<DriftReportOptions>;
  recoveryReport: CommandHandler<RecoveryReportOptions>;
  report: CommandHandler<ReportOptions>;
  continuityStatus: CommandHandler<ContinuityStatusOptions>;
  doctor: CommandHandler<DoctorOptions>;
  completion: CommandHandler<CompletionOptions>;
}

// Each command's module is imported only when that command runs, so `--help` and `--version`
// load nothing but commander (design §9).
const defaultHandlers: CommandHandlers = {
  init: async (options, context) => (await import("./commands/init.js")).runInit(options, context),
  peek: async (options, context) => (await import("./commands/peek.js")).runPeek(options, context),
  status: async (options, context) => (await import("./commands/status.js")).runStatus(options, context),
  pop: async (options, context) => (await import("./commands/pop.js")).runPop(options, context),
  bottle: async (options, context) => (await import("./commands/bottle.js")).runBottle(options, context),
  reset: async (options, context) => (await import("./commands/reset.js")).runReset(options, context),
  spawn: async (options, context) => (await import("./commands/spawn.js")).runSpawn(options, context),
  demo: async (options, context) => (await import("./commands/demo.js")).runDemo(options, context),
  driftReport: async (options, context) =>
    (await import("./commands/drift-report.js")).runDriftReport(options, context),
  recoveryReport: async (options, context) =>
    (await import("./commands/recovery-report.js")).runRecoveryReport(options, context),
  report: async (options, context) => (await import("./commands/report.js")).runReport(options, context),
  continuityStatus: async (options, context) =>
    (await import("./commands/continuity-status.js")).runContinuityStatus(options, context),
  doctor: async (options, context) => (await import("./commands/doctor.js")).runDoctor(options, context),
  completion: async (options, context) => (await import("./commands/completion.js")).runCompletion(options, context),
};

export interface BuildProgramOptions {
  io: Io;
  handlers?: Partial<CommandHandlers>;
  /** Builds the output for the parsed global options (main keeps it for error reporting). */
  onOutput: (globals: GlobalOptions) => Output;
  /** Receives the handler's exit code. */
  onExitCode: (code: number) => void;
}

/** The whole command line; exported so tests can drive argv → options with handlers replaced. */
export function buildProgram(options: BuildProgramOptions): Command {
  const handlers = { ...defaultHandlers, ...options.handlers };
  const program = new Command("my-little-soda")
    .description("Turn a GitHub repository's issues into a race-free work queue for an AI coding agent.")
    .version(readVersion(), "-V, --version")
    .option("--repo <owner/name>", "GitHub repository (default: [github] in my-little-soda.toml, or the origin remote)")
    .option("--api-url <url>", "GitHub REST API base URL (GitHub Enterprise Server, a local server)")
    .option("--agent <id>", "agent id, e.g. agent002 (default: agent001)")
    .option("--config <path>", "configuration file (default: my-little-soda.toml at the repository root)")
    .option("--json", "machine-readable output on stdout", false)
    .option("-q, --quiet", "print only results and errors", false)
    .option("--debug", "stack traces and a log of every GitHub request (tokens are never printed)", false)
    .option("--no-color", "no colours (NO_COLOR is honoured too)")
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => options.io.stdout.write(text),
      writeErr: (text) => options.io.stderr.write(text),
    });

  const action =
    <O>(handler: CommandHandler<O>, map: (raw: Record<string, unknown>) => O) =>
    async (raw: Record<string, unknown>, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const out = options.onOutput(globals);
      options.onExitCode(await handler(map(raw), { globals, io: options.io, out }));
    };

  program
    .command("init")
    .description("check access, create the labels, write my-little-soda.toml and .my-little-soda/")
    .addHelpText("after", examplesHelp(EXAMPLES.init))
    .option("--force", "overwrite an existing my-little-soda.toml (and workflow)", false)
    .option("--ci", "also write a GitHub Actions workflow that runs `status --check`", false)
    .option("--dry-run", "print every planned write and make none", false)
    .action(
      action(handlers.init, (raw) => ({ force: raw.force === true, ci: raw.ci === true, dryRun: raw.dryRun === true })),
    );

  program
    .command("peek")
    .description("show the task `pop` would take next, without claiming it")
    .addHelpText("after", examplesHelp(EXAMPLES.peek))
    .addOption(new Option("-n, --count <n>", "list the first N tasks").argParser(positiveInteger).default(1))
    .option(
      "--explain",
      "say why each of the first queued issues is or is not next (dependencies, labels, order)",
      false,
    )
    .action(
      action(handlers.peek, (raw) => ({
        count: typeof raw.count === "number" ? raw.count : 1,
        explain: raw.explain === true,
      })),
    );

  program
    .command("pop")
    .description("claim the next task (race-free), and create and check out its branch")
    .addHelpText("after", examplesHelp(EXAMPLES.pop))
    .addOption(
      new Option(
        "--issue <n>",
        "claim this issue instead of the next in the queue (with --rework: its pull request)",
      ).argParser(positiveInteger),
    )
    .option("--worktree", "create a git worktree under .my-little-soda/worktrees/ instead of switching branches", false)
    .option(
      "--rework",
      "claim this agent's next pull request in review that needs rework (CI failed, changes requested, conflict) instead of an issue",
      false,
    )
    .option(
      "--take-over-stale",
      "take over another agent's stale claim (its lease expired) and continue from the branch it pushed",
      false,
    )
    .option("--dry-run", "print every planned write and make none", false)
    .action(
      action(handlers.pop, (raw) => ({
        issue: typeof raw.issue === "number" ? raw.issue : undefined,
        worktree: raw.worktree === true,
        dryRun: raw.dryRun === true,
        rework: raw.rework === true,
        takeOverStale: raw.takeOverStale === true,
      })),
    );

  program
    .command("bottle")
    .description(
      "deliver the work: verify, push, open (or find) the pull request, move labels, release the claim; on a pull request in review, deliver the rework round",
    )
    .addHelpText("after", examplesHelp(EXAMPLES.bottle))
    .addOption(
      new Option("--issue <n>", "deliver this issue's branch instead of the checked-out one").argParser(
        positiveInteger,
      ),
    )
    .option("--draft", "open the pull request as a draft", false)
    .option("--no-verify", "skip the configured verify command")
    .option("--dry-run", "print every planned write and make none", false)
    .action(
      action(handlers.bottle, (raw) => ({
        issue: typeof raw.issue === "number" ? raw.issue : undefined,
        draft: raw.draft === true,
        verify: raw.verify !== false,
        dryRun: raw.dryRun === true,
      })),
    );

  program
    .command("reset")
    .description(
      "release this agent's claims (or every agent's with --all): labels, assignee, claim refs, merged branches",
    )
    .addHelpText("after", examplesHelp(EXAMPLES.reset))
    .option("--all", "release the claims of every agent, not only this one (--agent picks another single agent)", false)
    .option("--dry-run", "print every planned write and make none", false)
    .option("-y, --yes", "do not ask for confirmation", false)
    .addOption(
      new Option(
        "--state-only",
        "only clear the local autonomous state (runs, work items, checkpoints); nothing on GitHub",
      ).conflicts(["all", "recoveryOnly"]),
    )
    .addOption(
      new Option("--recovery-only", "only clear the local recovery history; nothing on GitHub").conflicts("all"),
    )
    .action(
      action(handlers.reset, (raw): ResetOptions => ({
        all: raw.all === true,
        dryRun: raw.dryRun === true,
        yes: raw.yes === true,
        localOnly: raw.stateOnly === true ? "state" : raw.recoveryOnly === true ? "recoveries" : undefined,
      })),
    );

  program
    .command("status")
    .description("repository, agent, claims, queue, reviews and problems at a glance")
    .addHelpText("after", examplesHelp(EXAMPLES.status))
    .option("--check", "exit 7 when problems are found (for CI)", false)
    .action(action(handlers.status, (raw) => ({ check: raw.check === true })));

  program
    .command("spawn")
    .description("run the unattended loop: claim, run the agent, verify and deliver issue after issue")
    .addHelpText("after", examplesHelp(EXAMPLES.spawn))
    .option("--autonomous", "run unattended (required)", false)
    .option("--once", "handle one issue, then exit (exit 6 on an empty queue)", false)
    .option("--until-empty", "exit when the queue is empty instead of polling", false)
    .addOption(new Option("--max-issues <n>", "stop after this many issues").argParser(positiveInteger))
    .addOption(new Option("--max-hours <h>", "stop claiming after this many hours").argParser(positiveNumber))
    .addOption(
      new Option("--poll-interval <s>", "seconds between queue polls when it is empty").argParser(positiveNumber),
    )
    .option("--agent-cmd <command>", "the agent command (split without a shell), instead of [autonomous] agent_command")
    .addOption(
      new Option("--grace-period <s>", "seconds the agent gets to finish after Ctrl-C / SIGTERM")
        .argParser(positiveNumber)
        .default(30),
    )
    .option("--dry-run", "show what the loop would pick up and do, and change nothing", false)
    .action(
      action(handlers.spawn, (raw) => ({
        autonomous: raw.autonomous === true,
        once: raw.once === true,
        untilEmpty: raw.untilEmpty === true,
        maxIssues: typeof raw.maxIssues === "number" ? raw.maxIssues : undefined,
        maxHours: typeof raw.maxHours === "number" ? raw.maxHours : undefined,
        pollInterval: typeof raw.pollInterval === "number" ? raw.pollInterval : undefined,
        agentCmd: typeof raw.agentCmd === "string" ? raw.agentCmd : undefined,
        gracePeriod: typeof raw.gracePeriod === "number" ? raw.gracePeriod : 30,
        dryRun: raw.dryRun === true,
      })),
    );

  program
    .command("drift-report")
    .description(
      "drifts the autonomous loop recorded: what GitHub or git showed instead of what it expected, and what it did",
    )
    .addHelpText("after", examplesHelp(EXAMPLES.driftReport))
    .option("--since <when>", "only drifts since then: a duration back from now (30m, 24h, 7d) or an ISO date/time")
    .addOption(new Option("--issue <n>", "only drifts on this issue").argParser(positiveInteger))
    .option("--now", "also check every current claim of this agent against GitHub and git right away", false)
    .action(
      action(handlers.driftReport, (raw) => ({
        since: typeof raw.since === "string" ? raw.since : undefined,
        issue: typeof raw.issue === "number" ? raw.issue : undefined,
        now: raw.now === true,
      })),
    );

  program
    .command("recovery-report")
    .description("recovery attempts the autonomous loop recorded, success rate, mean time to recover, frequent errors")
    .addHelpText("after", examplesHelp(EXAMPLES.recoveryReport))
    .option("--since <when>", "only attempts since then: a duration back from now (30m, 24h, 7d) or an ISO date/time")
    .action(
      action(handlers.recoveryReport, (raw) => ({ since: typeof raw.since === "string" ? raw.since : undefined })),
    );

  program
    .command("report")
    .description("what the loop did since a time and what needs you now: from the local ledger, checked against GitHub")
    .addHelpText("after", examplesHelp(EXAMPLES.report))
    .option("--since <when>", "the window: a duration back from now (12h, 7d) or an ISO date/time", "24h")
    .option("--markdown", "print Markdown (in GitHub Actions also append it to the job summary)", false)
    .option("--html <file>", "also write one self-contained HTML page with charts to this file")
    .action(
      action(handlers.report, (raw) => ({
        since: typeof raw.since === "string" ? raw.since : "24h",
        markdown: raw.markdown === true,
        html: typeof raw.html === "string" ? raw.html : undefined,
      })),
    );

  program
    .command("continuity-status")
    .description(
      "the autonomous loop's last checkpoint, whether a loop runs, the store's integrity, and what a restart would do",
    )
    .addHelpText("after", examplesHelp(EXAMPLES.continuityStatus))
    .action(action(handlers.continuityStatus, () => ({})));

  program
    .command("doctor")
    .description(
      "check everything a first run needs — tools, remote, configuration, token and permissions, labels, commands, store, workflow — changing nothing",
    )
    .addHelpText("after", examplesHelp(EXAMPLES.doctor))
    .action(action(handlers.doctor, () => ({})));

  program
    .command("completion")
    .description("print a shell completion script (bash, zsh or fish) on stdout")
    .addArgument(new Argument("<shell>", "the shell to complete for").choices(COMPLETION_SHELLS))
    .addHelpText("after", examplesHelp(EXAMPLES.completion))
    .action(async (shell: CompletionOptions["shell"], _raw: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const out = options.onOutput(globals);
      options.onExitCode(await handlers.completion({ shell, program }, { globals, io: options.io, out }));
    });

  program
    .command("demo")
    .description("run the tool against a built-in local GitHub server with seeded issues (no token needed)")
    .addHelpText("after", examplesHelp(EXAMPLES.demo))
    .option("--keep", "keep the temporary repository and print where it is", false)
    .action(action(handlers.demo, (raw) => ({ keep: raw.keep === true })));

  return program;
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new InvalidArgumentError("expected a positive number");
  return number;
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError("expected a positive whole number");
  return number;
}
