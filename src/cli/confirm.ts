import { createInterface } from "node:readline";
import type { Io } from "./io.js";

/** Someone is at a terminal to answer: both stdin and stdout are TTYs. */
export function canAsk(io: Io): boolean {
  return io.stdin?.isTTY === true && io.stdout.isTTY === true;
}

/**
 * Ask a yes/no question (default no) and read one line. The question goes to stderr, so
 * stdout stays clean for `--json`; end of input counts as "no".
 */
export async function confirm(io: Io, question: string): Promise<boolean> {
  const input = io.stdin;
  if (!input) return false;
  io.stderr.write(`${question} `);
  const answer = await readLine(input);
  return /^\s*y(es)?\s*$/i.test(answer ?? "");
}

function readLine(input: NodeJS.ReadableStream): Promise<string | undefined> {
  return new Promise((resolve) => {
    const reader = createInterface({ input, terminal: false });
    let answered = false;
    reader.once("line", (line) => {
      answered = true;
      reader.close();
      resolve(line);
    });
    reader.once("close", () => {
      if (!answered) resolve(undefined);
    });
  });
}
