import type { Io } from "../../src/cli/io.js";

/** The CLI's I/O in memory: what it prints, kept line by line; a terminal or not, as asked. */
export function memoryIo(tty = false): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (text: string) => out.push(text), isTTY: tty },
    stderr: { write: (text: string) => err.push(text), isTTY: tty },
    env: {},
    cwd: "/nowhere",
  };
}
