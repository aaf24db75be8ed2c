import type { Command, Option } from "commander";

/** The shells `completion` writes for (plain data: program.ts reads it for `--help` too). */
export const COMPLETION_SHELLS = ["bash", "zsh", "fish"] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/**
 * The command line as a completion script needs it, read from the commander program itself so a
 * script never lags behind a new command or option: each command's name, description, options and
 * positional arguments, and what a value may be (fixed choices, a file, or anything).
 */
export type ValueKind = { kind: "none" } | { kind: "choices"; choices: string[] } | { kind: "file" } | { kind: "any" };

export interface CompletedOption {
  long: string | undefined;
  short: string | undefined;
  description: string;
  /** What follows the option; `none` for a flag. */
  value: ValueKind;
  /** The value's name in the help (`owner/name`, `n`), for zsh's message. */
  valueName: string | undefined;
}

export interface CompletedArgument {
  name: string;
  value: ValueKind;
}

export interface CompletedCommand {
  name: string;
  description: string;
  options: CompletedOption[];
  arguments: CompletedArgument[];
}

export interface CompletionModel {
  program: string;
  /** Options of the program itself, recognised before and after a command. */
  globalOptions: CompletedOption[];
  /** Only before a command: `--version`. */
  topOnlyOptions: CompletedOption[];
  commands: CompletedCommand[];
}

const HELP: CompletedOption = {
  long: "--help",
  short: "-h",
  description: "display help",
  value: { kind: "none" },
  valueName: undefined,
};

export function describeProgram(program: Command): CompletionModel {
  const options = program.options.filter((option) => !option.hidden).map(describeOption);
  const isVersion = (option: CompletedOption) => option.long === "--version";
  const commands = program.commands.map((command): CompletedCommand => ({
    name: command.name(),
    description: command.description(),
    options: [...command.options.filter((option) => !option.hidden).map(describeOption), HELP],
    arguments: command.registeredArguments.map((argument) => ({
      name: argument.name(),
      value: argument.argChoices ? { kind: "choices", choices: [...argument.argChoices] } : { kind: "any" },
    })),
  }));
  // commander's own `help [command]`.
  commands.push({
    name: "help",
    description: "display help for a command",
    options: [],
    arguments: [{ name: "command", value: { kind: "choices", choices: commands.map((command) => command.name) } }],
  });
  return {
    program: program.name(),
    globalOptions: [...options.filter((option) => !isVersion(option)), HELP],
    topOnlyOptions: options.filter(isVersion),
    commands,
  };
}

function describeOption(option: Option): CompletedOption {
  const valueName = /[<[]([^>\]]+)[>\]]/.exec(option.flags)?.[1];
  return {
    long: option.long,
    short: option.short,
    description: option.description,
    value: valueOf(option, valueName),
    valueName,
  };
}

/** Choices where commander has them; a file where the value is a path; anything else is typed by hand. */
function valueOf(option: Option, valueName: string | undefined): ValueKind {
  if (!option.required && !option.optional) return { kind: "none" };
  if (option.argChoices) return { kind: "choices", choices: [...option.argChoices] };
  if (valueName && /^(path|file)$/.test(valueName)) return { kind: "file" };
  return { kind: "any" };
}

/** Every spelling of an option: `-q`, `--quiet`. */
export function namesOf(option: CompletedOption): string[] {
  return [option.short, option.long].filter((name): name is string => name !== undefined);
}
