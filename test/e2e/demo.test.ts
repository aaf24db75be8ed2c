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
    expect(result.stderr).toBe("error: agent001 already holds a claim on #4 (Build is red on main)\nhint: deliver it with `my-little-soda bottle`, or release it with `my-little-soda reset`; another agent id (--agent) can work in parallel\n");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("$ my-little-soda init");
    expect(result.stdout).toMatch(/route:review\s+created/);
    expect(result.stdout).toMatch(/route:ready\s+updated \(color ededed → 0052cc/);
    expect(result.stdout).toMatch(/#4 Build is red on main/);
    expect(result.stdout).toMatch(/✅ agent001 claimed #4 Build is red on main/);
    expect(result.stdout).toMatch(/✅ Pull request opened: #8 for #4/);
    expect(result.stdout).toMatch(/👀 In review \(1\)\n {3}#8 Build is red on main/);
    expect(result.stdout).toContain("merged #8; closed by it: #4");
    expect(result.stdout).toMatch(/The merge closed the issue[\s\S]*#2 Fix the fizz counter overflow/);
    expect(result.stdout).toContain("Demo finished: 10/10 commands behaved as expected");
  });
});
