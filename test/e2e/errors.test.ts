import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useWorld, TOKEN, type World } from "../support/e2e-world.js";
import type { CliResult } from "../support/run-cli.js";

const currentWorld = useWorld({ beforeEach, afterEach });
let world: World;
beforeEach(() => {
  world = currentWorld();
});

/** One `error:` line, one `hint:` line, nothing else: no stack trace, no token. */
function expectCleanError(result: CliResult, code: number, message: RegExp): void {
  expect(result.code).toBe(code);
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toMatch(message);
  expect(lines[1]).toMatch(/^hint: \S/);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stdout + result.stderr).not.toContain(TOKEN);
}

describe("bad input gives one error line, a hint and the documented exit code", () => {
  it("no token → 3", async () => {
    const env = { ...world.env, MY_LITTLE_SODA_GITHUB_TOKEN: "" };
    expectCleanError(await world.cli(["peek"], { env }), 3, /no GitHub token found/);
  });

  it("bad token (401) → 3", async () => {
    const env = { ...world.env, MY_LITTLE_SODA_GITHUB_TOKEN: "ghp_notAValidTokenAtAllAbcdefghijklmno" };
    const result = await world.cli(["status"], { env });
    expectCleanError(result, 3, /GitHub rejected the token \(401 Bad credentials\)/);
    expect(result.stderr).not.toContain("ghp_notAValid");
  });

  it("unknown repository (404) → 2", async () => {
    expectCleanError(await world.cli(["--repo", "acme/nope", "init"]), 2, /repository acme\/nope not found/);
  });

  it("unknown repository seen first through the issues list (peek) → 2", async () => {
    expectCleanError(await world.cli(["--repo", "acme/nope", "peek"]), 2, /repository acme\/nope not found/);
  });

  it("an issue number that does not exist → 2", async () => {
    expectCleanError(
      await world.cli(["pop", "--issue", "999"]),
      2,
      /GitHub found nothing while trying to read issue #999 of acme\/widgets \(404\)/,
    );
  });

  it("no push permission → 3", async () => {
    world.repo.setPermission("alice", "read");
    expectCleanError(await world.cli(["init"]), 3, /alice cannot push to acme\/widgets/);
    expect(world.repo.labels()).toEqual([]);
  });

  it("malformed TOML → 2, naming the file and line", async () => {
    writeFileSync(path.join(world.clone, "my-little-soda.toml"), '[github]\nowner = "acme"\nrepo = widgets\n');
    expectCleanError(await world.cli(["peek"]), 2, /my-little-soda\.toml:3(:\d+)?: malformed TOML/);
  });

  it("a wrong type → 2, naming the file, key and expected type", async () => {
    writeFileSync(path.join(world.clone, "my-little-soda.toml"), '[bottle]\ndraft = "yes"\n');
    expectCleanError(
      await world.cli(["peek"]),
      2,
      /my-little-soda\.toml: bottle\.draft must be true or false \(found the string "yes"\)/,
    );
  });

  it("an unknown key → a warning with a suggestion, and the command still works", async () => {
    writeFileSync(path.join(world.clone, "my-little-soda.toml"), '[agent]\nidd = "agent002"\n');
    const result = await world.cli(["peek"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      "warning: my-little-soda.toml: unknown key agent.idd (did you mean agent.id?); it is ignored\n",
    );
  });

  it("not a git repository → 5", async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), "mls-nogit-"));
    expectCleanError(
      await world.cli(["--repo", "acme/widgets", "init"], { cwd: outside }),
      5,
      /is not inside a git repository/,
    );
  });

  it("no repository to be found anywhere → 2", async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), "mls-nogit-"));
    expectCleanError(await world.cli(["peek"], { cwd: outside }), 2, /cannot tell which GitHub repository to use/);
  });

  it("GitHub down after retries → 4", async () => {
    world.server.injectFault({ path: /\/issues$/, kind: "status", status: 502, times: 20 });
    expectCleanError(await world.cli(["peek"]), 4, /GitHub failed while trying to list open issues/);
  });

  it("rate limit exhausted → 4 with the reset time", async () => {
    world.server.setRateLimit("alice", { remaining: 0, resetAt: new Date(Date.now() + 3_600_000) });
    expectCleanError(await world.cli(["peek"]), 4, /rate limit is exhausted/);
  });

  it("--debug logs requests and stacks but never the token", async () => {
    const env = { ...world.env, MY_LITTLE_SODA_GITHUB_TOKEN: "ghp_notAValidTokenAtAllAbcdefghijklmno" };
    const result = await world.cli(["--debug", "peek"], { env });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/debug: GET .*\/issues.* → 401/);
    expect(result.stderr).toMatch(/\n\s+at /);
    expect(result.stderr).not.toContain("notAValidToken");
  });
});
