import { CommanderError } from "commander";
import { ExitCode } from "../errors/index.js";
import type { GlobalOptions, Io } from "./io.js";
import type { Output } from "./output.js";
import { buildProgram, type CommandHandlers } from "./program.js";

type OutputClass = typeof Output;

/**
 * Parse argv, run the command, map any failure to an exit code. Never calls process.exit.
 * The output (chalk) and the error handler are loaded only when a command runs or fails, so
 * `--help` and `--version` load commander and nothing else (design §9).
 */
export async function run(argv: readonly string[], io: Io, handlers?: Partial<CommandHandlers>): Promise<number> {
  let OutputImpl: OutputClass | undefined;
  const loadOutput = async (): Promise<OutputClass> => (OutputImpl ??= (await import("./output.js")).Output);
  let out: Output | undefined;
  const fallbackOutput = async (): Promise<Output> =>
    (out ??= new (await loadOutput())(io, {
      json: argv.includes("--json"),
      quiet: false,
      debug: argv.includes("--debug"),
      color: !argv.includes("--no-color"),
    }));
  let exitCode: number = ExitCode.ok;
  const program = buildProgram({
    io,
    handlers,
    onOutput: (globals: GlobalOptions) => {
      if (!OutputImpl) throw new Error("the output module is loaded before every action (preAction hook)");
      return (out = new OutputImpl(io, globals));
    },
    onExitCode: (code) => (exitCode = code),
  });
  // Runs before any command's action, never for --help / --version.
  program.hook("preAction", async () => {
    await loadOutput();
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    out?.debug(out.timeSpent.summary());
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return ExitCode.ok;
      const command = argv.find((arg) => !arg.startsWith("-"));
      (await fallbackOutput()).notice(`hint: run \`my-little-soda ${command ? `${command} ` : ""}--help\` for usage`);
      return ExitCode.usage;
    }
    const { handleError } = await import("./handle-error.js");
    const failed = await fallbackOutput();
    const code = handleError(error, failed);
    failed.debug(failed.timeSpent.summary());
    return code;
  }
}
