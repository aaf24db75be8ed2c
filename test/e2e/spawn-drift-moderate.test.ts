import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useWorld } from "../support/e2e-world.js";
import { agentStarted, drifts, ISSUE, remoteLog, setUp, useLoops } from "../support/drift-loop.js";
import { setReview } from "../support/review-world.js";

// Moderate drift (design §5): corrected and recorded, and the issue is still delivered.

const world = useWorld({ beforeEach, afterEach });
const loop = useLoops({ afterEach });

describe("spawn --autonomous: drift made by people while the loop runs", () => {
  it("branch deleted on the remote while the agent runs: moderate, pushed again, delivered", async () => {
    const w = world();
    const marker = path.join(w.sandbox.root, "verified-once");
    const verify = path.join(w.sandbox.root, "verify.mjs");
    await writeFile(
      verify,
      `import { existsSync, writeFileSync } from "node:fs";\nif (!existsSync(${JSON.stringify(marker)})) { writeFileSync(${JSON.stringify(marker)}, "x"); process.exit(1); }\n`,
    );
    const agent = await setUp(w, ["Flaky tests"], { verify: [process.execPath, verify] });
    await agent.behave(1, "commit", "slow-commit");
    const cli = loop(w);
    await agentStarted(agent, 1, 2);
    // Attempt 1 pushed before its verify failed; a person deletes that branch during attempt 2.
    expect(await remoteLog(w, "agent001/1-flaky-tests")).toEqual(["Work on #1 (run 1)"]);
    await w.sandbox.git(w.origin, ["update-ref", "-d", "refs/heads/agent001/1-flaky-tests"]);

    const ended = await cli.done;

    expect(ended.code, ended.stderr).toBe(0);
    expect(ended.stdout).toContain("#1 drift (moderate): branch-deleted — pushed agent001/1-flaky-tests again");
    expect(w.repo.pulls()).toHaveLength(1);
    expect(await remoteLog(w, "agent001/1-flaky-tests")).toEqual(["Work on #1 (run 2, slowly)", "Work on #1 (run 1)"]);
    expect(drifts(w).map((drift) => [drift.kind, drift.severity, drift.outcome])).toEqual([
      ["branch-deleted", "moderate", "corrected"],
    ]);
  });

  it("a person takes the agent label off: moderate, put back; nothing else changes", async () => {
    const w = world();
    const agent = await setUp(w, ["Relabelled"]);
    await agent.behave(1, "slow-commit");
    const cli = loop(w);
    await agentStarted(agent, 1);
    await w.api("DELETE", `${ISSUE}/1/labels/agent001`);

    const ended = await cli.done;

    expect(ended.code, ended.stderr).toBe(0);
    expect(drifts(w).map((drift) => [drift.kind, drift.severity, drift.outcome])).toEqual([
      ["agent-label-removed", "moderate", "corrected"],
    ]);
    expect(w.repo.issue(1).labels).toEqual(["route:review"]);
    expect(w.repo.pulls()).toHaveLength(1);
  });

  it.each([
    ["a non-conflicting", "other.txt", "rebased onto origin/main", "corrected"],
    ["a conflicting", "work-1.txt", "hit a conflict and was aborted", "failed"],
  ] as const)(
    "the base advances by %s commit: moderate, rebased (or left for a person on conflict), delivered",
    async (_kind, file, action, outcome) => {
      const w = world();
      const agent = await setUp(w, ["Base moves"], { maxCommitsBehindBase: 0 });
      // What the drift check does alone: the review phase would go on to rework the conflict.
      await setReview(w, { enabled: false });
      await agent.behave(1, "slow-commit");
      const cli = loop(w);
      await agentStarted(agent, 1);
      const person = await w.sandbox.clone(w.origin, "person");
      await w.sandbox.commitFile(person, file, "a person's change\n", "A person's change on main");
      await w.sandbox.git(person, ["push", "-q", "origin", "main"]);

      const ended = await cli.done;

      expect(ended.code, ended.stderr).toBe(0);
      const [drift] = drifts(w);
      expect(drift).toMatchObject({ kind: "base-ahead", severity: "moderate", outcome });
      expect(drift?.action).toContain(action);
      expect(w.repo.pulls()).toHaveLength(1);
      const onBranch = await w.sandbox.git(w.origin, ["log", "--format=%s", "agent001/1-base-moves"]);
      expect(onBranch.includes("A person's change on main")).toBe(outcome === "corrected");
    },
  );
});
