import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { canAsk, confirm } from "../../../src/cli/confirm.js";
import type { Io } from "../../../src/cli/io.js";

function terminal(answer: string | null, tty = { stdin: true, stdout: true }): Io & { err: string[] } {
  const stdin = Object.assign(new PassThrough(), { isTTY: tty.stdin });
  if (answer === null) stdin.end();
  else stdin.end(answer);
  const err: string[] = [];
  return {
    err,
    stdin,
    stdout: { write: () => true, isTTY: tty.stdout },
    stderr: { write: (text: string) => err.push(text) },
    env: {},
    cwd: "/",
  };
}

describe("confirm", () => {
  it("asks only when stdin and stdout are both terminals", () => {
    expect(canAsk(terminal("y\n"))).toBe(true);
    expect(canAsk(terminal("y\n", { stdin: false, stdout: true }))).toBe(false);
    expect(canAsk(terminal("y\n", { stdin: true, stdout: false }))).toBe(false);
    expect(canAsk({ ...terminal("y\n"), stdin: undefined })).toBe(false);
  });

  it("writes the question to stderr and takes y or yes as yes", async () => {
    const io = terminal("y\n");
    expect(await confirm(io, "Release 2 claims? [y/N]")).toBe(true);
    expect(io.err).toEqual(["Release 2 claims? [y/N] "]);
    expect(await confirm(terminal("YES\n"), "?")).toBe(true);
  });

  it("defaults to no: an empty line, anything else, or end of input", async () => {
    expect(await confirm(terminal("\n"), "?")).toBe(false);
    expect(await confirm(terminal("nope\n"), "?")).toBe(false);
    expect(await confirm(terminal(null), "?")).toBe(false);
  });
});
