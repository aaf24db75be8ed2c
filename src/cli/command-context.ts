import type { GlobalOptions, Io } from "./io.js";
import type { Output } from "./output.js";

/** What every command's handler gets besides its own options. */
export interface CommandContext {
  globals: GlobalOptions;
  io: Io;
  out: Output;
}

/** A command's handler: options in, exit code out. The real ones live in ./commands/. */
export type CommandHandler<Options> = (options: Options, context: CommandContext) => Promise<number>;
