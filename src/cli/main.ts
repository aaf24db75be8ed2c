import { CommanderError } from "commander";
import { ExitCode } from "../errors/index.js";
import { handleError } from "./handle-error.js";
import type { GlobalOptions, Io } from "./io.js";
import { Output } from "./output.js";
import { buildProgram, type CommandHandlers } from "./program.js";

/** Parse argv, run the command, map any failure to an exit code. Never calls process.exit. */
export async function run(argv: readonly string[], io: Io, handlers?: Partial<CommandHandlers>): Promise<number> {
  let out = new Output(io, {
    json: argv.includes("--json"),
    quiet: false,
    debug: argv.includes("--debug"),
    color: !argv.includes("--no-color"),
  });
  let exitCode: number = ExitCode.ok;
  const program = buildProgram({
    io,
    handlers,
    onOutput: (globals: GlobalOptions) => (out = new Output(io, globals)),
    onExitCode: (code) => (exitCode = code),
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return ExitCode.ok;
      const command = argv.find((arg) => !arg.startsWith("-"));
      out.notice(`hint: run \`my-little-soda ${command ? `${command} ` : ""}--help\` for usage`);
      return ExitCode.usage;
    }
    return handleError(error, out);
  }
}
