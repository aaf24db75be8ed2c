import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../../../src/cli/main.js";
import { buildProgram } from "../../../src/cli/program.js";
import { describeProgram } from "../../../src/cli/completion/completion-model.js";
import { memoryIo } from "../../support/memory-io.js";

async function script(shell: string): Promise<string> {
  const io = memoryIo();
  expect(await run(["completion", shell], io)).toBe(0);
  return io.out.join("");
}

const program = buildProgram({
  io: memoryIo(),
  onOutput: () => {
    throw new Error("no command runs here");
  },
  onExitCode: () => {},
});
const model = describeProgram(program);

const dir = mkdtempSync(path.join(tmpdir(), "mls-completion-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A shell on this machine, or why a test that needs it is skipped. */
function shellAvailable(shell: string): boolean {
  const found = spawnSync(shell, ["-c", "exit 0"], { stdio: "ignore" }).status === 0;
  if (!found) console.log(`skipped: ${shell} is not installed here, so its syntax check cannot run`);
  return found;
}

/** Completes `line` (the cursor at its end) with the bash function, as bash would on TAB. */
function completeInBash(file: string, words: string[]): string[] {
  const program = [
    `source ${JSON.stringify(file)}`,
    `COMP_WORDS=(${words.map((word) => `'${word}'`).join(" ")})`,
    `COMP_CWORD=${words.length - 1}`,
    "_my_little_soda",
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join("\n");
  return execFileSync("bash", ["-c", program], { encoding: "utf8", cwd: dir })
    .split("\n")
    .filter((line) => line !== "");
}

describe("completion: the model is the program", () => {
  it("has every command of the program, with every option, so a new one is never left out", () => {
    const commands = program.commands.map((command) => command.name());
    expect(model.commands.map((command) => command.name)).toEqual([...commands, "help"]);
    for (const command of program.commands) {
      const completed = model.commands.find((candidate) => candidate.name === command.name());
      expect(completed?.options.map((option) => option.long)).toEqual([
        ...command.options.map((option) => option.long),
        "--help",
      ]);
    }
    expect(model.commands.map((command) => command.name)).toEqual(expect.arrayContaining(["doctor", "completion"]));
  });

  it("knows fixed values (completion's shells, help's commands), files for a path, nothing for --since", () => {
    const byName = (name: string) => model.commands.find((command) => command.name === name);
    expect(byName("completion")?.arguments).toEqual([
      { name: "shell", value: { kind: "choices", choices: ["bash", "zsh", "fish"] } },
    ]);
    expect(byName("help")?.arguments[0]?.value).toMatchObject({ kind: "choices" });
    expect(model.globalOptions.find((option) => option.long === "--config")?.value).toEqual({ kind: "file" });
    expect(byName("drift-report")?.options.find((option) => option.long === "--since")?.value).toEqual({ kind: "any" });
  });

  it("every script names every command and every option", async () => {
    for (const shell of ["bash", "zsh", "fish"]) {
      const text = await script(shell);
      for (const command of model.commands) {
        expect(text, `${shell}: ${command.name}`).toContain(command.name);
        for (const option of command.options) {
          const name = shell === "fish" ? `-l ${option.long?.slice(2)}` : option.long;
          if (option.long !== "--help" || shell !== "fish")
            expect(text, `${shell}: ${command.name} ${option.long}`).toContain(name);
        }
      }
    }
  });

  it("maps `completion zsh` to the shell and this very program", async () => {
    const seen: unknown[] = [];
    const code = await run(["completion", "zsh"], memoryIo(), {
      completion: async (options) => {
        seen.push(options.shell, options.program.name(), options.program.commands.length);
        return 0;
      },
    });
    expect(code).toBe(0);
    expect(seen).toEqual(["zsh", "my-little-soda", program.commands.length]);
  });

  it("an unknown shell is a usage error (exit 2)", async () => {
    expect(await run(["completion", "powershell"], memoryIo())).toBe(2);
  });
});

describe("completion bash", () => {
  it("passes bash -n and completes in a real bash", async () => {
    const file = path.join(dir, "mls.bash");
    writeFileSync(file, await script("bash"));
    execFileSync("bash", ["-n", file]);
    expect(completeInBash(file, ["my-little-soda", "p"])).toEqual(["peek", "pop"]);
    expect(completeInBash(file, ["my-little-soda", "peek", "--j"])).toEqual(["--json"]);
    expect(completeInBash(file, ["my-little-soda", "pop", "--"])).toEqual(
      expect.arrayContaining([
        "--issue",
        "--worktree",
        "--rework",
        "--take-over-stale",
        "--dry-run",
        "--json",
        "--agent",
      ]),
    );
    expect(completeInBash(file, ["my-little-soda", "--agent", "agent002", "sp"])).toEqual(["spawn"]);
    expect(completeInBash(file, ["my-little-soda", "completion", ""])).toEqual(["bash", "zsh", "fish"]);
    expect(completeInBash(file, ["my-little-soda", "completion", "f"])).toEqual(["fish"]);
    expect(completeInBash(file, ["my-little-soda", "help", "do"])).toEqual(["doctor"]);
    expect(completeInBash(file, ["my-little-soda", "drift-report", "--since", ""])).toEqual([]);
    expect(completeInBash(file, ["my-little-soda", "-"])).toEqual(expect.arrayContaining(["--version", "--repo"]));
  });

  it("completes files after --config", async () => {
    const file = path.join(dir, "mls.bash");
    writeFileSync(file, await script("bash"));
    writeFileSync(path.join(dir, "my-little-soda.toml"), "");
    expect(completeInBash(file, ["my-little-soda", "--config", "my-l"])).toEqual(["my-little-soda.toml"]);
  });
});

describe.each(["zsh", "fish"])("completion %s", (shell) => {
  it(`passes ${shell} -n (skipped where ${shell} is not installed)`, async (context) => {
    if (!shellAvailable(shell)) {
      context.skip();
      return;
    }
    const file = path.join(dir, `mls.${shell}`);
    writeFileSync(file, await script(shell));
    const result = spawnSync(shell, ["-n", file], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});

describe("completion fish, completing", () => {
  it("offers commands, options and values in a real fish (skipped where fish is not installed)", async (context) => {
    if (!shellAvailable("fish")) {
      context.skip();
      return;
    }
    const file = path.join(dir, "mls.fish");
    writeFileSync(file, await script("fish"));
    const complete = (line: string) =>
      execFileSync("fish", ["-c", `source ${file}; complete -C ${JSON.stringify(line)}`], { encoding: "utf8" })
        .split("\n")
        .filter((entry) => entry !== "")
        .map((entry) => entry.split("\t")[0]);
    expect(complete("my-little-soda p")).toEqual(["peek", "pop"]);
    expect(complete("my-little-soda peek --j")).toEqual(["--json"]);
    expect(complete("my-little-soda completion ")).toEqual(["bash", "fish", "zsh"]);
    expect(complete("my-little-soda pop --w")).toEqual(["--worktree"]);
  });
});
