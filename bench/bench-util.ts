import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { World } from "../test/support/e2e-world.js";
import type { CliResult } from "../test/support/run-cli.js";

/** The package root: one level up from bench/. */
export const PACKAGE_ROOT =
  [1]
    .map((up) => path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../".repeat(up)))
    .find(
      (candidate) =>
        existsSync(path.join(candidate, "package.json")) && existsSync(path.join(candidate, "bin/my-little-soda.js")),
    ) ?? process.cwd();

export const BIN = path.join(PACKAGE_ROOT, "bin/my-little-soda.js");

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export interface Timed {
  result: CliResult;
  /** Wall time of the child process, spawn to exit, in milliseconds. */
  ms: number;
  /** Requests the fake GitHub saw while it ran. */
  requests: number;
}

/** One CLI process against the world's fake GitHub: its wall time and how many requests it made. */
export async function timeCli(world: World, args: string[], options: { cwd?: string } = {}): Promise<Timed> {
  const before = world.server.requests.length;
  const started = performance.now();
  const result = await world.cli(args, options);
  const ms = performance.now() - started;
  return { result, ms, requests: world.server.requests.length - before };
}

/** Fails loudly: a benchmark of a failing command measures nothing. */
export function expectExit(timed: Timed, codes: number[], what: string): Timed {
  if (!codes.includes(timed.result.code)) {
    throw new Error(
      `${what} exited ${timed.result.code}, expected ${codes.join(" or ")}:\n${timed.result.stderr || timed.result.stdout}`,
    );
  }
  return timed;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function millis(ms: number): string {
  return `${Math.round(ms)} ms`;
}

export function mebibytes(kib: number): string {
  return `${(kib / 1024).toFixed(1)} MiB`;
}

export function mark(ok: boolean): string {
  return ok ? "✅" : "❌";
}

export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? "unknown CPU";
  const memory = (os.totalmem() / 1024 ** 3).toFixed(1);
  const load = os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
  return `${model} × ${cpus.length}, ${memory} GiB RAM, ${os.type()} ${os.release()} ${os.arch()}, Node ${process.version}, load average at start ${load}`;
}
