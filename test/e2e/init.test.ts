import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useWorld, type World } from "../support/e2e-world.js";

const ROUTE_LABELS = [
  "route:ready",
  "route:unblocker",
  "route:priority-very-high",
  "route:priority-high",
  "route:priority-medium",
  "route:priority-low",
  "route:review",
  "route:ready_to_merge",
  "route:human-only",
];

const currentWorld = useWorld({ beforeEach, afterEach });
let world: World;
beforeEach(() => {
  world = currentWorld();
});

const writes = () => world.server.requests.filter((r) => r.method !== "GET").length;

describe("init", () => {
  it("creates the nine route labels and this agent's label, the config and .my-little-soda/", async () => {
    const result = await world.cli(["init", "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.labels).toHaveLength(10);
    expect(report.labels.every((label: { status: string }) => label.status === "created")).toBe(true);
    expect(
      world.repo
        .labels()
        .map((label) => label.name)
        .sort(),
    ).toEqual([...ROUTE_LABELS, "agent001"].sort());
    expect(world.repo.labels().find((label) => label.name === "route:ready")?.color).toBe("0052cc");

    const config = readFileSync(path.join(world.clone, "my-little-soda.toml"), "utf8");
    expect(config).toContain('owner = "acme"');
    expect(config).toContain('repo = "widgets"');
    expect(config).toContain('base_branch = "main"');
    expect(config).toContain('id = "agent001"');
    expect(readFileSync(path.join(world.clone, ".my-little-soda/prompt.md"), "utf8")).toContain("{{title}}");
    // State is ignored by git; the prompt template and the .gitignore itself are not.
    const ignored = await world.sandbox
      .git(world.clone, ["check-ignore", "-q", ".my-little-soda/my-little-soda.db"])
      .then(
        () => true,
        () => false,
      );
    expect(ignored).toBe(true);
    const untracked = await world.sandbox.git(world.clone, ["status", "--porcelain", "--untracked-files=all"]);
    expect(untracked.split("\n").sort()).toEqual([
      "?? .my-little-soda/.gitignore",
      "?? .my-little-soda/prompt.md",
      "?? .my-little-soda/rework.md",
      "?? my-little-soda.toml",
    ]);
  });

  it("is idempotent: a second run reports every label unchanged and writes nothing", async () => {
    expect((await world.cli(["init"])).code).toBe(0);
    world.server.clearRequestLog();
    const again = await world.cli(["init", "--json"]);
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout);
    expect(report.labels.map((label: { status: string }) => label.status)).toEqual(Array(10).fill("unchanged"));
    expect(report.files.find((file: { path: string }) => file.path === "my-little-soda.toml").status).toBe("unchanged");
    expect(writes()).toBe(0);
  });

  it("updates a label with the wrong colour and leaves a person's description alone", async () => {
    world.repo.addLabel({ name: "route:ready", color: "ededed", description: "Our own words" });
    world.repo.addLabel({ name: "Route:Review", color: "fbca04" });
    const result = await world.cli(["init", "--json"]);
    const report = JSON.parse(result.stdout);
    const ready = report.labels.find((label: { name: string }) => label.name === "route:ready");
    expect(ready).toMatchObject({ status: "updated", differences: ["color ededed → 0052cc"] });
    expect(world.repo.labels().find((label) => label.name === "route:ready")).toMatchObject({
      color: "0052cc",
      description: "Our own words",
    });
    expect(report.labels.find((label: { name: string }) => label.name === "route:review").status).toBe("updated");
    expect(world.repo.labels().filter((label) => label.name.toLowerCase() === "route:review")).toHaveLength(1);
  });

  it("keeps an existing config without --force, still ensures the labels, and exits 0", async () => {
    const configPath = path.join(world.clone, "my-little-soda.toml");
    await world.sandbox.commitFile(world.clone, "my-little-soda.toml", '[agent]\nid = "agent007"\n', "config");
    const result = await world.cli(["init"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/my-little-soda\.toml\s+kept — already exists \(use --force to overwrite\)/);
    expect(readFileSync(configPath, "utf8")).toBe('[agent]\nid = "agent007"\n');
    expect(world.repo.labels().map((label) => label.name)).toContain("agent007");

    const forced = await world.cli(["init", "--force"]);
    expect(forced.code).toBe(0);
    expect(readFileSync(configPath, "utf8")).toContain('owner = "acme"');
  });

  it("--dry-run plans every write and makes none", async () => {
    const result = await world.cli(["init", "--dry-run", "--ci"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/route:ready\s+\[dry-run\] would be created/);
    expect(result.stdout).toMatch(/\.github\/workflows\/my-little-soda\.yml\s+\[dry-run\] would be created/);
    expect(writes()).toBe(0);
    expect(world.repo.labels()).toEqual([]);
    expect(existsSync(path.join(world.clone, "my-little-soda.toml"))).toBe(false);
    expect(existsSync(path.join(world.clone, ".my-little-soda"))).toBe(false);
  });

  it("--ci writes a workflow that runs status --check and, opt-in, the scheduled loop per agent", async () => {
    expect((await world.cli(["init", "--ci"])).code).toBe(0);
    const workflow = readFileSync(path.join(world.clone, ".github/workflows/my-little-soda.yml"), "utf8");
    expect(workflow).toContain("my-little-soda status --check");
    // The unattended loop: one job per agent id, never two runs of one agent at once, opt-in.
    expect(workflow).toContain("- run: npx --yes my-little-soda --agent ${{ matrix.agent }} spawn --autonomous --once");
    expect(workflow).toMatch(/matrix:\n(\s+#.*\n)?\s+agent: \[agent001, agent002\]/);
    expect(workflow).toMatch(
      /concurrency:\n\s+group: my-little-soda-\$\{\{ matrix\.agent \}\}\n\s+cancel-in-progress: false/,
    );
    expect(workflow).toMatch(/if: vars\.MY_LITTLE_SODA_AUTONOMOUS == 'true'/);
    for (const permission of [
      "contents: write",
      "issues: write",
      "pull-requests: write",
      "checks: read",
      "actions: read",
    ])
      expect(workflow).toContain(permission);
    expect(workflow).toMatch(/GITHUB_TOKEN do not trigger CI workflows/);
    expect(workflow).not.toMatch(/\t/);
  });
});
