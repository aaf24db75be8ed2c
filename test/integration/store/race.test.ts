import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LATEST_SCHEMA_VERSION } from "../../../src/store/migrations.js";

// A real race needs real processes; they run the store's sources transpiled by TypeScript into a
// temporary directory, with a link to the project's node_modules for better-sqlite3 and zod.
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const SOURCES = ["src/store", "src/core/store-port.ts", "src/errors/index.ts", "src/domain"];
const CONTENDERS = 8;

const CHILD = `
import { openStore } from "./src/store/open-store.js";
const [path, index, startAt] = process.argv.slice(2);
while (Date.now() < Number(startAt)) {} // start together
try {
  const store = openStore({ path });
  const result = store.acquireLoopLock({
    repository: "acme/widgets", agentId: "agent001", pid: process.pid, host: "box-" + index, runId: "run-" + index,
  });
  console.log(JSON.stringify({ result, version: store.schemaVersion() }));
  store.close();
} catch (error) {
  console.log(JSON.stringify({ error: error.name + ": " + error.message }));
}
`;

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), "mls-store-race-"));
  await symlink(join(ROOT, "node_modules"), join(out, "node_modules"), "dir");
  await writeFile(join(out, "package.json"), `{"type":"module"}`);
  await writeFile(join(out, "child.js"), CHILD);
  for (const source of SOURCES) {
    const files = source.endsWith(".ts")
      ? [source]
      : (await readdir(join(ROOT, source), { recursive: true }))
          .filter((f) => f.endsWith(".ts"))
          .map((f) => join(source, f));
    for (const file of files) {
      const { outputText } = ts.transpileModule(await readFile(join(ROOT, file), "utf8"), {
        compilerOptions: {
          module: ts.ModuleKind.ESNext,
          target: ts.ScriptTarget.ES2022,
          verbatimModuleSyntax: true,
          esModuleInterop: true,
        },
      });
      const target = join(out, relative(ROOT, file)).replace(/\.ts$/, ".js");
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, outputText);
    }
  }
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe("processes racing on one new store file", () => {
  it("migrate it once and let exactly one of them take the loop lock", async () => {
    const path = join(out, "state", "race.db");
    const startAt = String(Date.now() + 1500);
    const run = promisify(execFile);
    const outputs = await Promise.all(
      Array.from({ length: CONTENDERS }, (_, i) =>
        run(process.execPath, ["child.js", path, String(i), startAt], { cwd: out }),
      ),
    );
    const answers = outputs.map(
      ({ stdout }) =>
        JSON.parse(stdout) as {
          error?: string;
          version?: number;
          result?: { acquired: boolean; holder?: { runId: string } };
        },
    );

    expect(answers.filter((a) => a.error)).toEqual([]);
    expect(answers.map((a) => a.version)).toEqual(Array(CONTENDERS).fill(LATEST_SCHEMA_VERSION));
    const winners = answers.filter((a) => a.result?.acquired);
    expect(winners).toHaveLength(1);
    const winner = `run-${answers.indexOf(winners[0]!)}`;
    for (const loser of answers.filter((a) => !a.result?.acquired)) expect(loser.result?.holder?.runId).toBe(winner);
  });
});
