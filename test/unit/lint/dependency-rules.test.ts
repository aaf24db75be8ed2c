import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The layer rules of eslint.config.js, checked against deliberate violations: a rule that stopped
// matching (a moved folder, a renamed pattern) would otherwise pass silently.
const root = fileURLToPath(new URL("../../..", import.meta.url));
const eslint = new ESLint({ cwd: root });

async function restrictedImports(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: `${root}/${file}` });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === "no-restricted-imports")
    .map((message) => message.message);
}

describe("the dependency rules", () => {
  it.each([
    ["src/demo/seed-demo.ts", `import { createWorld } from "../../test/support/e2e-world.js";`, "src/ ships"],
    ["src/cli/commands/pop.ts", `import { timeCli } from "../../../bench/bench-util.js";`, "src/ ships"],
    ["src/core/pop/plan-pop.ts", `import { GitHubIssueTracker } from "../../github/github-issue-tracker.js";`, "ports"],
    ["src/core/status/read-status.ts", `import { openStore } from "../../store/open-store.js";`, "ports"],
    ["src/autonomous/run-loop.ts", `import { Output } from "../cli/output.js";`, "ports"],
    ["src/autonomous/drive-work.ts", `import { simpleGit } from "simple-git";`, "ports"],
    ["src/domain/drift.ts", `import type { IssueTracker } from "../core/ports.js";`, "pure rules"],
    ["src/core/peek.ts", `import { startFakeGitHub } from "../fake-github/index.js";`, "ports"],
  ])("%s may not: %s", async (file, source, says) => {
    const messages = await restrictedImports(file, `${source}\nexport {};\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(says);
  });

  it.each([
    ["src/cli/compose.ts", `import { createGitWorkspace } from "../git/simple-git-workspace.js";`],
    ["src/core/pop/plan-pop.ts", `import { branchFor } from "../../domain/branch-name.js";`],
    ["src/autonomous/drive-work.ts", `import type { WorkItem } from "../core/store-port.js";`],
    ["test/support/e2e-world.ts", `import { startFakeGitHub } from "../../src/fake-github/index.js";`],
  ])("%s may: %s", async (file, source) => {
    expect(await restrictedImports(file, `${source}\nexport {};\n`)).toEqual([]);
  });
});
