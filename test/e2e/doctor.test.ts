import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CI_WORKFLOW } from "../../src/core/init/templates.js";
import { openStore } from "../../src/store/open-store.js";
import { initialiseRepository, OWNER, REPO, USER, useWorld, type World } from "../support/e2e-world.js";
import { normaliseJson } from "../support/normalise-json.js";

const world = useWorld({ beforeEach, afterEach });

const CHECK_LINE = /^(✅|⚠️ |❌|⏭️ ) (.+?)\s{2,}/u;

/** init done, committed, with the agent and verify commands set to programs every machine has, and init's workflow. */
async function healthy(w: World): Promise<void> {
  await initialiseRepository(w, { commit: false });
  const configFile = path.join(w.clone, "my-little-soda.toml");
  const config = (await readFile(configFile, "utf8"))
    .replace(/^# verify = .*$/m, 'verify = "node --version"')
    .replace(/^# agent_command = .*$/m, 'agent_command = ["node", "agent.js"]');
  await writeFile(configFile, config);
  await mkdir(path.join(w.clone, ".github", "workflows"), { recursive: true });
  await writeFile(path.join(w.clone, ".github", "workflows", "my-little-soda.yml"), CI_WORKFLOW);
  await w.sandbox.git(w.clone, ["add", "-A"]);
  await w.sandbox.git(w.clone, ["commit", "-qm", "Set up my-little-soda"]);
}

/** Every file under a directory (.git included) and a hash of its bytes. */
async function tree(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  const hashes = await Promise.all(
    files.map(async (file) => [
      path.relative(dir, file),
      createHash("sha256")
        .update(await readFile(file))
        .digest("hex"),
    ]),
  );
  return Object.fromEntries(hashes.sort(([a], [b]) => (a ?? "").localeCompare(b ?? "")));
}

/** The doctor's lines, as status per title. */
function lines(stdout: string): Record<string, string> {
  return Object.fromEntries(
    stdout
      .split("\n")
      .map((line) => CHECK_LINE.exec(line))
      .filter((match) => match !== null)
      .map((match) => [match[2] ?? "", match[1]?.trim() ?? ""]),
  );
}

describe("doctor, as a user runs it", () => {
  it("a healthy repository: every line ✅, exit 0, and nothing written anywhere (only GETs; files byte for byte)", async () => {
    const w = world();
    await healthy(w);
    // The store exists once a command that reads GitHub ran here.
    expect((await w.cli(["status"])).code).toBe(0);
    const before = await tree(w.clone);
    expect(Object.keys(before)).toContain(".my-little-soda/my-little-soda.db");
    w.server.clearRequestLog();

    const result = await w.cli(["doctor"]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const seen = lines(result.stdout);
    expect(Object.keys(seen)).toHaveLength(15);
    expect(Object.entries(seen).filter(([, icon]) => icon !== "✅")).toEqual([]);
    expect(result.stdout).toContain("🩺 15 ok: ready for a first run.");
    expect(result.stderr).toBe("");

    expect(await tree(w.clone)).toEqual(before);
    expect(w.server.requests.map((request) => `${request.method} ${request.path}`).sort()).toEqual([
      "GET /rate_limit",
      `GET /repos/${OWNER}/${REPO}`,
      `GET /repos/${OWNER}/${REPO}/labels`,
      "GET /user",
    ]);
  });

  it("--json: its shape, exit 0 when only warnings; no store is created where there is none", async () => {
    const w = world();
    await initialiseRepository(w);
    const before = await tree(w.clone);
    const result = await w.cli(["doctor", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const json = normaliseJson(JSON.parse(result.stdout), w) as { checks: Array<{ id: string; detail: string }> };
    // What differs from machine to machine: the versions of Node and git, the rate limit left.
    for (const check of json.checks) {
      if (["node", "git"].includes(check.id)) check.detail = check.detail.replace(/^\d+\.\d+\.\d+/, "<version>");
      if (check.id === "rate-limit") check.detail = check.detail.replace(/^\d+/, "<n>");
    }
    expect(json).toMatchSnapshot("doctor --json after init");
    expect(await tree(w.clone)).toEqual(before);
  });

  it("no token: ❌, the GitHub checks skipped, exit 7, and GitHub never asked", async () => {
    const w = world();
    await healthy(w);
    w.server.clearRequestLog();
    const env = { ...w.env };
    delete env.MY_LITTLE_SODA_GITHUB_TOKEN;
    const result = await w.cli(["doctor"], { env });
    expect(result.code).toBe(7);
    expect(lines(result.stdout)).toMatchObject({
      "GitHub token": "❌",
      repository: "⏭️",
      "token permissions": "⏭️",
      labels: "⏭️",
      "rate limit": "⏭️",
    });
    expect(result.stdout).toContain("fix: set MY_LITTLE_SODA_GITHUB_TOKEN, or log in with `gh auth login`");
    expect(w.server.requests).toEqual([]);
  });

  it("a token without push permission: ❌ token permissions, exit 7", async () => {
    const w = world();
    await healthy(w);
    w.repo.setPermission(USER, "read");
    const result = await w.cli(["doctor", "--json"]);
    expect(result.code).toBe(7);
    const { ok, checks } = JSON.parse(result.stdout) as {
      ok: boolean;
      checks: Array<{ id: string; status: string; detail: string }>;
    };
    expect(ok).toBe(false);
    expect(checks.find((check) => check.id === "permissions")).toMatchObject({
      status: "fail",
      detail: `this token cannot push to ${OWNER}/${REPO} (role read)`,
    });
  });

  it("a classic token without the repo scope (X-OAuth-Scopes): ❌", async () => {
    const w = world();
    await healthy(w);
    w.server.addUser("carol", "ghp_carolClassicToken0123456789abcdef", { scopes: ["read:org"] });
    w.repo.setPermission("carol", "write");
    const result = await w.cli(["doctor"], {
      env: { ...w.env, MY_LITTLE_SODA_GITHUB_TOKEN: "ghp_carolClassicToken0123456789abcdef" },
    });
    expect(result.code).toBe(7);
    expect(result.stdout).toMatch(
      /❌ token permissions\s+the token's scopes \(read:org\) lack `repo` or `public_repo`/,
    );
    expect(result.stdout).not.toContain("ghp_carolClassicToken");
  });

  it("a missing label, a wrong remote, a broken workflow, a missing agent command: each ❌ with its fix", async () => {
    const w = world();
    await healthy(w);
    expect((await w.api("DELETE", `/repos/${OWNER}/${REPO}/labels/route:ready`)).status).toBe(204);
    await w.sandbox.git(w.clone, ["remote", "set-url", "origin", `https://github.com/${OWNER}/gadgets.git`]);
    const workflow = path.join(w.clone, ".github", "workflows", "my-little-soda.yml");
    await writeFile(workflow, CI_WORKFLOW.replace("  status:\n", "\tstatus:\n"));
    const configFile = path.join(w.clone, "my-little-soda.toml");
    await writeFile(
      configFile,
      (await readFile(configFile, "utf8")).replace('["node", "agent.js"]', '["no-such-agent-cli", "-p"]'),
    );
    const result = await w.cli(["doctor", "-q"]);
    expect(result.code).toBe(7);
    expect(lines(result.stdout)).toEqual({
      "origin remote": "❌",
      labels: "❌",
      "agent command": "❌",
      "Actions workflow": "❌",
    });
    expect(result.stdout).toContain("fix: run `my-little-soda init`: it creates them");
    expect(result.stdout).toContain(`fix: git remote set-url origin https://github.com/${OWNER}/${REPO}.git`);
    expect(result.stdout).toContain("`no-such-agent-cli` ([autonomous] agent_command) is not on PATH");
    expect(result.stdout).toMatch(/line \d+: a tab in the indentation/);
  });

  it("an invalid configuration: ❌ with the loader's message, what needs it skipped", async () => {
    const w = world();
    await healthy(w);
    const configFile = path.join(w.clone, "my-little-soda.toml");
    await writeFile(
      configFile,
      (await readFile(configFile, "utf8")).replace("timeout_minutes = 60", 'timeout_minutes = "soon"'),
    );
    const result = await w.cli(["doctor"]);
    expect(result.code).toBe(7);
    expect(result.stdout).toMatch(/❌ configuration\s+my-little-soda\.toml: autonomous\.timeout_minutes must be/);
    expect(lines(result.stdout)).toMatchObject({ repository: "⏭️", "agent command": "⏭️", "local store": "⏭️" });
  });

  it("a damaged store and another host's stale loop lock: ❌ each", async () => {
    const w = world();
    await healthy(w);
    const dbFile = path.join(w.clone, ".my-little-soda", "my-little-soda.db");
    const store = openStore({ path: dbFile, now: () => new Date(Date.now() - 3 * 3_600_000) });
    store.acquireLoopLock({
      repository: `${OWNER}/${REPO}`,
      agentId: "agent001",
      pid: 1,
      host: "old-container",
      runId: "r1",
    });
    store.close();
    const stale = await w.cli(["doctor"]);
    expect(stale.code).toBe(7);
    expect(stale.stdout).toMatch(/❌ loop lock\s+agent001's loop lock is held by pid 1 on old-container/);

    await writeFile(dbFile, Buffer.alloc(8192, 0x42));
    const damaged = await w.cli(["doctor"]);
    expect(damaged.code).toBe(7);
    expect(damaged.stdout).toMatch(
      /❌ local store\s+\.my-little-soda\/my-little-soda\.db cannot be read: file is not a database/,
    );
    expect(lines(damaged.stdout)).toMatchObject({ "loop lock": "⏭️" });
  });
});
