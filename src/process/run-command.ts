import { spawn } from "node:child_process";
import type { CommandRunner } from "../core/ports.js";

const KEEP_OUTPUT_CHARS = 64 * 1024;

/** Runs argv directly (no shell), output interleaved and capped to its tail. */
export function createCommandRunner(env: NodeJS.ProcessEnv): CommandRunner {
  return {
    run(argv, cwd) {
      const started = Date.now();
      return new Promise((resolve) => {
        const [command, ...args] = argv;
        if (!command) {
          resolve({ exitCode: 127, output: "empty command", durationMs: 0 });
          return;
        }
        let output = "";
        const keep = (chunk: Buffer) => {
          output = (output + chunk.toString()).slice(-KEEP_OUTPUT_CHARS);
        };
        const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        child.stdout.on("data", keep);
        child.stderr.on("data", keep);
        child.on("error", (error) =>
          resolve({ exitCode: 127, output: `${output}${error.message}`, durationMs: Date.now() - started }),
        );
        child.on("close", (code, signal) =>
          resolve({ exitCode: code ?? (signal ? 128 : 1), output, durationMs: Date.now() - started }),
        );
      });
    },
  };
}
