import { mkdir, open, unlink, writeFile } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { join } from "node:path";

export interface RunFiles {
  promptFile: string;
  logFile: string;
  /** Open for writing; the caller closes it. */
  log: FileHandle;
}

/** Agent output may echo secrets from its environment: only the owner reads these files. */
const FILE_MODE = 0o600;
const MAX_SUFFIX = 100;

/**
 * `<stateDir>/prompts/<issue>-<time>.md` holding the prompt, and an empty
 * `<stateDir>/logs/<issue>-<time>.log` opened for writing. Both are created exclusively: a
 * second run of the same issue within the same millisecond gets `-2`, never an earlier run's file.
 */
export async function createRunFiles(
  stateDir: string,
  issueNumber: number,
  startedAt: Date,
  prompt: string,
): Promise<RunFiles> {
  const promptDir = join(stateDir, "prompts");
  const logDir = join(stateDir, "logs");
  await mkdir(promptDir, { recursive: true });
  await mkdir(logDir, { recursive: true });
  const base = `${issueNumber}-${startedAt.toISOString().replace(/[:.]/g, "-")}`;
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const stem = n === 1 ? base : `${base}-${n}`;
    const logFile = join(logDir, `${stem}.log`);
    const promptFile = join(promptDir, `${stem}.md`);
    const log = await openExclusive(logFile);
    if (!log) continue;
    try {
      await writeFile(promptFile, prompt, { flag: "wx", mode: FILE_MODE });
      return { promptFile, logFile, log };
    } catch (error) {
      await log.close();
      await unlink(logFile);
      if (!isAlreadyExists(error)) throw error;
    }
  }
  throw new Error(
    `could not find a free name for the agent's log under ${logDir} (tried ${base} to ${base}-${MAX_SUFFIX})`,
  );
}

async function openExclusive(path: string): Promise<FileHandle | undefined> {
  try {
    return await open(path, "wx", FILE_MODE);
  } catch (error) {
    if (isAlreadyExists(error)) return undefined;
    throw error;
  }
}

function isAlreadyExists(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "EEXIST";
}
