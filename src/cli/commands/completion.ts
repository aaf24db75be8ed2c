import type { Command } from "commander";
import { ExitCode } from "../../errors/index.js";
import type { CommandContext } from "../command-context.js";
import { bashScript } from "../completion/bash-script.js";
import { describeProgram, type CompletionShell } from "../completion/completion-model.js";
import { fishScript } from "../completion/fish-script.js";
import { zshScript } from "../completion/zsh-script.js";

export interface CompletionOptions {
  shell: CompletionShell;
  /** The program whose commands and options the script completes: the one this command is part of. */
  program: Command;
}

const SCRIPTS = { bash: bashScript, zsh: zshScript, fish: fishScript } as const;

/** `completion bash|zsh|fish`: the script on stdout, exactly, whatever --json or -q say. Loads no adapter. */
export async function runCompletion(options: CompletionOptions, { io }: CommandContext): Promise<number> {
  io.stdout.write(SCRIPTS[options.shell](describeProgram(options.program)));
  return ExitCode.ok;
}
