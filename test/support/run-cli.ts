import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** bin/ at the package root, two levels up from test/support. */
export const BIN =
  [2]
    .map((up) => path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../".repeat(up), "bin/my-little-soda.js"))
    .find((candidate) => existsSync(candidate)) ?? "bin/my-little-soda.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the built CLI as a child process, exactly as a user would (needs `npm run build`). */
export function runCli(
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input?: string },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}
