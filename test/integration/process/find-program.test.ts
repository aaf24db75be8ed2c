import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findProgram } from "../../../src/process/find-program.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "mls-find-"));
  for (const sub of ["a", "b", "repo/scripts"]) await mkdir(path.join(dir, sub), { recursive: true });
  await writeFile(path.join(dir, "a", "tool"), "#!/bin/sh\n");
  await writeFile(path.join(dir, "b", "tool"), "#!/bin/sh\n");
  await chmod(path.join(dir, "b", "tool"), 0o755);
  await writeFile(path.join(dir, "a", "plain"), "not a program\n");
  await writeFile(path.join(dir, "repo", "scripts", "agent.sh"), "#!/bin/sh\n");
  await chmod(path.join(dir, "repo", "scripts", "agent.sh"), 0o755);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const env = () => ({ PATH: [path.join(dir, "a"), path.join(dir, "b")].join(path.delimiter) });

describe("findProgram: where spawn without a shell would find a program", () => {
  it("the first executable on PATH, past a non-executable file of the same name", async () => {
    expect(await findProgram("tool", { cwd: dir, env: env() })).toEqual({
      kind: "found",
      path: path.join(dir, "b", "tool"),
    });
  });

  it("a file on PATH that cannot be executed, and a name found nowhere", async () => {
    expect(await findProgram("plain", { cwd: dir, env: env() })).toEqual({
      kind: "not-executable",
      path: path.join(dir, "a", "plain"),
    });
    expect(await findProgram("nowhere", { cwd: dir, env: env() })).toEqual({ kind: "missing" });
  });

  it("a path with a slash, from the working directory, PATH not consulted", async () => {
    const cwd = path.join(dir, "repo");
    expect(await findProgram("./scripts/agent.sh", { cwd, env: env() })).toEqual({
      kind: "found",
      path: path.join(cwd, "scripts", "agent.sh"),
    });
    expect(await findProgram("scripts/missing.sh", { cwd, env: env() })).toEqual({ kind: "missing" });
  });
});
