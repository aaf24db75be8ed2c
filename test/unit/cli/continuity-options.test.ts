import { describe, expect, it } from "vitest";
import { run } from "../../../src/cli/main.js";
import type { CommandHandler } from "../../../src/cli/command-context.js";
import type { ContinuityStatusOptions } from "../../../src/cli/commands/continuity-status.js";
import type { ResetOptions } from "../../../src/cli/commands/reset.js";
import { memoryIo } from "../../support/memory-io.js";

function recording<O>() {
  const seen: O[] = [];
  const handler: CommandHandler<O> = async (options) => {
    seen.push(options);
    return 0;
  };
  return { seen, handler };
}

describe("argv → options for continuity-status and the local resets", () => {
  it("maps reset --state-only and --recovery-only to the local scope, and plain reset to none", async () => {
    const reset = recording<ResetOptions>();
    await run(["reset", "--state-only", "--yes"], memoryIo(), { reset: reset.handler });
    await run(["reset", "--recovery-only", "--dry-run"], memoryIo(), { reset: reset.handler });
    await run(["reset"], memoryIo(), { reset: reset.handler });
    expect(reset.seen).toEqual([
      { all: false, dryRun: false, yes: true, localOnly: "state" },
      { all: false, dryRun: true, yes: false, localOnly: "recoveries" },
      { all: false, dryRun: false, yes: false, localOnly: undefined },
    ]);
  });

  it("refuses --state-only with --recovery-only or --all: usage, exit 2", async () => {
    for (const argv of [
      ["reset", "--state-only", "--recovery-only"],
      ["reset", "--all", "--state-only"],
      ["reset", "--recovery-only", "--all"],
    ]) {
      const io = memoryIo();
      expect(await run(argv, io, { reset: recording<ResetOptions>().handler })).toBe(2);
      expect(io.err.join("")).toMatch(/cannot be used with/);
    }
  });

  it("runs continuity-status with no options of its own", async () => {
    const continuity = recording<ContinuityStatusOptions>();
    expect(await run(["continuity-status", "--json"], memoryIo(), { continuityStatus: continuity.handler })).toBe(0);
    expect(continuity.seen).toEqual([{}]);
  });
});
