import { Chalk, type ChalkInstance } from "chalk";
import type { GlobalOptions, Io } from "./io.js";
import type { CommandJson } from "./json/command-json.js";
import { redactText } from "../domain/redact-secrets.js";
import { TimeSpent } from "./time-spent.js";

/**
 * The one way commands write. Colour only on a TTY and never with NO_COLOR / --no-color;
 * `--json` output goes to stdout alone; every line passes through token redaction.
 */
export class Output {
  readonly color: ChalkInstance;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly debugEnabled: boolean;
  readonly interactive: boolean;
  private readonly secrets = new Set<string>();
  /** Where the command's time went; `--debug` prints it last (main.ts). */
  readonly timeSpent = new TimeSpent();

  constructor(
    private readonly io: Io,
    globals: Pick<GlobalOptions, "json" | "quiet" | "debug" | "color">,
  ) {
    this.json = globals.json;
    this.quiet = globals.quiet;
    this.debugEnabled = globals.debug;
    this.interactive = io.stdout.isTTY === true && !globals.json && io.env.CI !== "true";
    const noColor = !globals.color || (io.env.NO_COLOR ?? "") !== "";
    this.color = new Chalk({ level: noColor || io.stdout.isTTY !== true ? 0 : 2 });
  }

  /** Register a value (a token) that must never be printed. */
  addSecret(secret: string): void {
    this.secrets.add(secret);
  }

  /** The main result of a command, for people. Suppressed by --json (the JSON replaces it). */
  line(text = ""): void {
    if (!this.json) this.io.stdout.write(`${this.clean(text)}\n`);
  }

  /** Detail that --quiet suppresses. */
  info(text: string): void {
    if (!this.quiet) this.line(text);
  }

  printJson(value: CommandJson): void {
    this.io.stdout.write(`${this.clean(JSON.stringify(value, null, 2))}\n`);
  }

  warn(text: string): void {
    this.io.stderr.write(`${this.clean(`${this.color.yellow("warning:")} ${text}`)}\n`);
  }

  error(message: string, hint?: string): void {
    this.io.stderr.write(`${this.clean(`${this.color.red("error:")} ${message}`)}\n`);
    if (hint) this.io.stderr.write(`${this.clean(`${this.color.dim("hint:")} ${hint}`)}\n`);
  }

  /** A plain message on stderr that is not an error (exit 6: nothing to do). */
  notice(text: string): void {
    this.io.stderr.write(`${this.clean(text)}\n`);
  }

  debug(text: string): void {
    if (this.debugEnabled) this.io.stderr.write(`${this.clean(this.color.dim(`debug: ${text}`))}\n`);
  }

  /** A spinner on interactive terminals only; elsewhere a no-op so logs stay clean. */
  async spin<T>(text: string, work: () => Promise<T>): Promise<T> {
    // A pseudo-terminal with no width (some CI runners, `script`) makes ora redraw forever.
    const columns = (this.io.stderr as { columns?: number }).columns ?? 0;
    if (!this.interactive || this.quiet || this.io.stderr.isTTY !== true || columns <= 0) return work();
    const { default: ora } = await import("ora");
    const spinner = ora({ text, stream: this.io.stderr as NodeJS.WritableStream }).start();
    try {
      const result = await work();
      spinner.stop();
      return result;
    } catch (error) {
      spinner.stop();
      throw error;
    }
  }

  private clean(text: string): string {
    return redactText(text, [...this.secrets]);
  }
}
