import os from "node:os";
import { expect } from "vitest";
import type { World } from "./e2e-world.js";

/** Numbers that change from run to run: ages, durations, process ids, what is left of the rate limit. */
const VOLATILE_NUMBERS = new Set([
  "pid",
  "ageSeconds",
  "heartbeatAgeSeconds",
  "leaseAgeSeconds",
  "durationMs",
  "seconds",
  "meanTimeToRecoverMs",
  "remaining",
  "medianMs",
  "p90Ms",
  "minMs",
  "maxMs",
  "timeMs",
  "agentMs",
  "activeMs",
  "perHour",
  "perActiveHour",
  "claimToPrMedianMs",
]);

/** Strings that quote what a process printed (its timings among it). */
const VOLATILE_STRINGS = new Set(["tail"]);

/**
 * A `--json` output with what varies between runs replaced by placeholders, so a snapshot holds
 * the shape and the stable values: temporary paths, the local server's URL, the host name, this
 * Node's path, times (in log file names too), shas, run ids, and the fields above.
 */
export function normaliseJson(value: unknown, world: World): unknown {
  const replacements: Array<[string, string]> = [
    [world.sandbox.root, "<tmp>"],
    [world.server.url, "<api>"],
    [os.hostname(), "<host>"],
    [process.execPath, "<node>"],
  ];
  const text = (input: string): string => {
    let output = input;
    for (const [from, to] of replacements) output = output.split(from).join(to);
    return output
      .replace(/\d{4}-\d\d-\d\dT\d\d[:-]\d\d[:-]\d\d([.-]\d+)?Z/g, "<time>")
      .replace(/\b[0-9a-f]{40}\b/g, "<sha>")
      .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, "<uuid>");
  };
  const walk = (node: unknown, key?: string): unknown => {
    if (typeof node === "string") return key !== undefined && VOLATILE_STRINGS.has(key) ? "<text>" : text(node);
    if (typeof node === "number" && key !== undefined && VOLATILE_NUMBERS.has(key)) return "<number>";
    if (Array.isArray(node)) return node.map((item) => walk(item));
    if (node !== null && typeof node === "object")
      return Object.fromEntries(Object.entries(node).map(([name, field]) => [name, walk(field, name)]));
    return node;
  };
  return walk(value);
}

/** Run a command with `--json`, check its exit code, and return its output normalised. */
export async function cliJson(world: World, args: string[], expectedCode = 0): Promise<unknown> {
  const result = await world.cli([...args, "--json"]);
  expect(result.code, result.stderr).toBe(expectedCode);
  return normaliseJson(JSON.parse(result.stdout), world);
}
