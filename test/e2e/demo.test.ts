import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

describe("my-little-soda demo", () => {
  it("runs the scripted session against the built-in server with no token", async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), "mls-demo-home-"));
    const env = { PATH: process.env.PATH, HOME: home, GIT_CONFIG_GLOBAL: "/dev/null", NO_COLOR: "1" };
    const result = await runCli(["demo"], { cwd: home, env });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("$ my-little-soda init");
    expect(result.stdout).toMatch(/route:review\s+created/);
    expect(result.stdout).toMatch(/route:ready\s+updated \(color ededed → 0052cc/);
    expect(result.stdout).toMatch(/#4 Build is red on main/);
    expect(result.stdout).toContain("Demo finished: 6/6 commands succeeded");
  });
});
