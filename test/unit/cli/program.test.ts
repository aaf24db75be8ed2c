import { describe, expect, it } from "vitest";
import { run } from "../../../src/cli/main.js";
import { buildProgram } from "../../../src/cli/program.js";
import type { CommandHandler } from "../../../src/cli/command-context.js";
import { AuthenticationError, NothingToDoError } from "../../../src/errors/index.js";
import { memoryIo } from "../../support/memory-io.js";

function recording<O>(code = 0) {
  const seen: Array<{ options: O; globals: unknown }> = [];
  const handler: CommandHandler<O> = async (options, context) => {
    seen.push({ options, globals: context.globals });
    return code;
  };
  return { seen, handler };
}

describe("argv → options", () => {
  it("maps peek -n and the global options", async () => {
    const peek = recording<{ count: number; explain: boolean }>();
    const io = memoryIo();
    const code = await run(["--repo", "acme/widgets", "peek", "-n", "3", "--json", "--agent", "agent002"], io, {
      peek: peek.handler,
    });
    expect(code).toBe(0);
    expect(peek.seen[0]?.options).toEqual({ count: 3, explain: false });
    expect(peek.seen[0]?.globals).toMatchObject({ repo: "acme/widgets", json: true, agent: "agent002", color: true });
  });

  it("maps init flags and status --check, and passes the handler's exit code through", async () => {
    const init = recording<{ force: boolean; ci: boolean; dryRun: boolean }>();
    await run(["init", "--ci", "--dry-run", "--no-color"], memoryIo(), { init: init.handler });
    expect(init.seen[0]?.options).toEqual({ force: false, ci: true, dryRun: true });
    expect(init.seen[0]?.globals).toMatchObject({ color: false });
    const status = recording<{ check: boolean }>(7);
    expect(await run(["status", "--check"], memoryIo(), { status: status.handler })).toBe(7);
    expect(status.seen[0]?.options).toEqual({ check: true });
  });

  it("maps reset --all --dry-run -y, with every flag off by default", async () => {
    const reset = recording<{ all: boolean; dryRun: boolean; yes: boolean }>();
    await run(["reset", "--all", "--dry-run", "-y"], memoryIo(), { reset: reset.handler });
    await run(["--agent", "agent002", "reset"], memoryIo(), { reset: reset.handler });
    expect(reset.seen.map((seen) => seen.options)).toEqual([
      { all: true, dryRun: true, yes: true },
      { all: false, dryRun: false, yes: false },
    ]);
    expect(reset.seen[1]?.globals).toMatchObject({ agent: "agent002" });
  });

  it("maps pop --rework and --take-over-stale, with --issue and --worktree, and leaves them off by default", async () => {
    const pop = recording<{ issue?: number; worktree: boolean; dryRun: boolean; rework: boolean }>();
    await run(["pop", "--rework", "--issue", "7", "--worktree", "--dry-run"], memoryIo(), { pop: pop.handler });
    await run(["pop", "--take-over-stale"], memoryIo(), { pop: pop.handler });
    await run(["pop"], memoryIo(), { pop: pop.handler });
    expect(pop.seen.map((seen) => seen.options)).toEqual([
      { issue: 7, worktree: true, dryRun: true, rework: true, takeOverStale: false },
      { issue: undefined, worktree: false, dryRun: false, rework: false, takeOverStale: true },
      { issue: undefined, worktree: false, dryRun: false, rework: false, takeOverStale: false },
    ]);
  });

  it("rejects a bad -n with a usage error (exit 2) and a hint", async () => {
    const io = memoryIo();
    expect(await run(["peek", "-n", "zero"], io)).toBe(2);
    expect(io.err.join("")).toMatch(/error: option '-n, --count <n>' argument 'zero' is invalid/);
    expect(io.err.join("")).toMatch(/hint: run `my-little-soda peek --help`/);
  });

  it("exits 2 on an unknown command and 0 on --version and --help", async () => {
    expect(await run(["frobnicate"], memoryIo())).toBe(2);
    const io = memoryIo();
    expect(await run(["--version"], io)).toBe(0);
    expect(io.out.join("")).toMatch(/^\d+\.\d+\.\d+/);
    expect(await run(["--help"], memoryIo())).toBe(0);
  });
});

describe("--help", () => {
  const noOutput = (): never => {
    throw new Error("only help is printed here");
  };
  const commands = buildProgram({ io: memoryIo(), onOutput: noOutput, onExitCode: () => {} })
    .commands.map((command) => command.name())
    .filter((name) => name !== "help");

  it.each(commands)("%s --help ends with 2–4 examples of that command", async (name) => {
    const io = memoryIo();
    expect(await run([name, "--help"], io)).toBe(0);
    const help = io.out.join("");
    const examples = help.slice(help.indexOf("\nExamples:\n"));
    expect(examples).toMatch(/^\nExamples:\n {2}# /);
    const lines = examples.split("\n").filter((line) => line.startsWith("  $ "));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.length).toBeLessThanOrEqual(4);
    for (const line of lines) expect(line).toMatch(new RegExp(`^ {2}\\$ my-little-soda (--[a-z-]+ \\S+ )*${name}\\b`));
  });

  it("covers every command", () => {
    expect(commands).toEqual(
      expect.arrayContaining(["init", "peek", "pop", "bottle", "reset", "status", "spawn", "drift-report"]),
    );
    expect(commands).toEqual(expect.arrayContaining(["recovery-report", "continuity-status", "demo"]));
  });
});

describe("the top-level handler", () => {
  it("maps typed errors to their exit code with error: and hint: lines, no stack", async () => {
    const io = memoryIo();
    const failing: CommandHandler<{ count: number }> = async () => {
      throw new AuthenticationError("GitHub rejected the token", { hint: "set a valid token" });
    };
    expect(await run(["peek"], io, { peek: failing })).toBe(3);
    expect(io.err.join("")).toBe("error: GitHub rejected the token\nhint: set a valid token\n");
  });

  it("prints a plain message for nothing-to-do (exit 6)", async () => {
    const io = memoryIo();
    const empty: CommandHandler<{ count: number }> = async () => {
      throw new NothingToDoError("nothing to do");
    };
    expect(await run(["peek"], io, { peek: empty })).toBe(6);
    expect(io.err.join("")).toBe("nothing to do\n");
  });

  it("treats anything else as a bug (exit 1), stack only with --debug, token redacted", async () => {
    const boom: CommandHandler<{ count: number }> = async () => {
      throw new Error("kaput ghp_abcdefghijklmnopqrstuvwxyz0123456789");
    };
    const io = memoryIo();
    expect(await run(["peek"], io, { peek: boom })).toBe(1);
    expect(io.err.join("")).not.toMatch(/ghp_|at .*\.ts/);
    expect(io.err.join("")).toMatch(/error: unexpected internal error: kaput \*\*\*/);
    const debugIo = memoryIo();
    await run(["--debug", "peek"], debugIo, { peek: boom });
    expect(debugIo.err.join("")).toMatch(/debug: Error: kaput \*\*\*\n\s+at /);
  });
});
