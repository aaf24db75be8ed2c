import { spawnSync } from "node:child_process";
import { BIN, median } from "./bench-util.js";

export interface Startup {
  runs: number;
  /** Median wall time of `node -e 0`, `--version` and `--help`, in milliseconds. */
  node: number;
  version: number;
  help: number;
}

const CASES = {
  node: ["-e", "0"],
  version: [BIN, "--version"],
  help: [BIN, "--help"],
} as const;

function once(args: readonly string[]): number {
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`node ${args.join(" ")} exited ${child.status}: ${child.stderr.toString()}`);
  return ms;
}

/**
 * Start-up next to Node's own: after a warm-up, the three commands take turns `runs` times (so a
 * burst of load on the machine hits all three alike) and each reports its median.
 */
export function measureStartup(runs = 15, warmUp = 3): Startup {
  const names = Object.keys(CASES) as Array<keyof typeof CASES>;
  for (let i = 0; i < warmUp; i++) for (const name of names) once(CASES[name]);
  const times: Record<keyof typeof CASES, number[]> = { node: [], version: [], help: [] };
  for (let i = 0; i < runs; i++) for (const name of names) times[name].push(once(CASES[name]));
  return { runs, node: median(times.node), version: median(times.version), help: median(times.help) };
}
