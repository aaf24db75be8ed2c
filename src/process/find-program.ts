import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import path from "node:path";
import type { ProgramLookup } from "../core/doctor/doctor-ports.js";

/**
 * Where `spawn(program)` without a shell would find `program`: a name with a slash is a path from
 * `cwd`; a bare name is looked up in the directories of `env.PATH`, in order, the first executable
 * file winning. A file found that may not be executed is reported as such, unless an executable
 * one comes later on PATH.
 */
export async function findProgram(
  program: string,
  { cwd, env }: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<ProgramLookup> {
  const candidates = program.includes("/")
    ? [path.resolve(cwd, program)]
    : (env.PATH ?? "").split(path.delimiter).map((dir) => path.resolve(cwd, dir || ".", program));
  let notExecutable: string | undefined;
  for (const candidate of candidates) {
    const found = await probe(candidate);
    if (found === "executable") return { kind: "found", path: candidate };
    if (found === "not-executable") notExecutable ??= candidate;
  }
  return notExecutable ? { kind: "not-executable", path: notExecutable } : { kind: "missing" };
}

async function probe(file: string): Promise<"executable" | "not-executable" | "absent"> {
  try {
    if (!(await stat(file)).isFile()) return "absent";
  } catch {
    return "absent";
  }
  try {
    await access(file, constants.X_OK);
    return "executable";
  } catch {
    return "not-executable";
  }
}
