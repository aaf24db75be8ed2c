import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bin/my-little-soda.js");

// A module hook that names every module the process loads, on stderr.
const HOOKS = `export async function load(url, context, next) { process.stderr.write("LOADED " + url + "\\n"); return next(url, context); }\n`;
const REGISTER = `import { register } from "node:module";\nregister("./hooks.mjs", import.meta.url);\n`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "mls-startup-"));
  await writeFile(path.join(dir, "hooks.mjs"), HOOKS);
  await writeFile(path.join(dir, "register.mjs"), REGISTER);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function node(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: dir,
      env: { PATH: process.env.PATH, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function inProcess(argv: string[]): Promise<string> {
  const out: string[] = [];
  await run(argv, {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: () => true },
    env: {},
    cwd: dir,
  });
  return out.join("");
}

describe("start-up (design §9)", () => {
  it("--version and -V print exactly what commander prints", async () => {
    const expected = await inProcess(["--version"]);
    expect(expected).toMatch(/^\d+\.\d+\.\d+\n$/);
    for (const flag of ["--version", "-V"]) {
      const result = await node([BIN, flag]);
      expect(result).toEqual({ code: 0, stdout: expected, stderr: "" });
    }
  });

  it("--help prints commander's help", async () => {
    const result = await node([BIN, "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(await inProcess(["--help"]));
  });

  it("--version and --help load no GitHub, git, SQLite or spinner code, and no command module", async () => {
    for (const args of [["--version"], ["-V"], ["--help"], ["peek", "--help"], ["spawn", "--help"], ["help"]]) {
      const result = await node(["--import", "./register.mjs", BIN, ...args]);
      expect(result.code).toBe(0);
      const loaded = result.stderr.split("\n").filter((line) => line.startsWith("LOADED "));
      expect(loaded.length).toBeGreaterThan(0);
      expect(
        loaded.filter((line) => /@octokit|simple-git|better-sqlite3|\/ora\/|undici|zod|\/cli\/commands\//.test(line)),
      ).toEqual([]);
    }
  });

  it("a reader that stops reading (`| head`) ends the command quietly, with no EPIPE stack trace", async () => {
    for (const args of [["--help"], ["--version"], ["peek", "--help"]]) {
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
        // Closed before the command writes a byte: every write meets a broken pipe.
        child.stdout.destroy();
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stderr }));
      });
      expect(result.stderr, args.join(" ")).not.toMatch(/EPIPE|Error|at /);
      expect(result.code, args.join(" ")).toBe(0);
    }
  });
});
