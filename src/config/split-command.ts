import { ConfigError } from "../errors/index.js";

/**
 * A command string → argv, with POSIX-like quoting but no shell: no expansion, no pipes,
 * no globbing, so nothing in it (or in an issue's text) is ever interpreted.
 */
export function splitCommand(command: string | readonly string[]): string[] {
  if (typeof command !== "string") return [...command];
  const args: string[] = [];
  let current = "";
  let inArg = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i++) {
    const char = command[i] ?? "";
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else current += char;
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === "\\" && /["\\$`]/.test(command[i + 1] ?? "")) current += command[++i];
      else current += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      inArg = true;
    } else if (char === "\\") {
      current += command[++i] ?? "";
      inArg = true;
    } else if (/\s/.test(char)) {
      if (inArg) args.push(current);
      current = "";
      inArg = false;
    } else {
      current += char;
      inArg = true;
    }
  }
  if (quote)
    throw new ConfigError(`unbalanced ${quote} in command: ${command}`, {
      hint: "close the quote, or give the command as an array of strings",
    });
  if (inArg) args.push(current);
  return args;
}
