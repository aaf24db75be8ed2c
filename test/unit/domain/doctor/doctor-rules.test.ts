import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CI_WORKFLOW } from "../../../../src/core/init/templates.js";
import { tokenKindOf } from "../../../../src/domain/doctor/token-kind.js";
import { isAtLeast, MIN_NODE_VERSION, parseVersion } from "../../../../src/domain/doctor/versions.js";
import { readWorkflowShape } from "../../../../src/domain/doctor/workflow-shape.js";

describe("versions", () => {
  it("reads node's and git's ways of printing them", () => {
    expect(parseVersion("v20.11.1")).toEqual([20, 11, 1]);
    expect(parseVersion("git version 2.39.5 (Apple Git-146)\n")).toEqual([2, 39, 5]);
    expect(parseVersion("git version 2.18")).toEqual([2, 18, 0]);
    expect(parseVersion("no digits")).toBeUndefined();
  });

  it("compares part by part", () => {
    expect(isAtLeast([2, 18, 0], [2, 18, 0])).toBe(true);
    expect(isAtLeast([2, 9, 9], [2, 18, 0])).toBe(false);
    expect(isAtLeast([3, 0, 0], [2, 18, 0])).toBe(true);
  });

  it("the Node minimum is package.json's engines", () => {
    const { engines } = JSON.parse(readFileSync(new URL("../../../../package.json", import.meta.url), "utf8")) as {
      engines: { node: string };
    };
    expect(engines.node).toBe(`>=${MIN_NODE_VERSION[0]}`);
  });
});

describe("token kinds", () => {
  it("by documented prefix", () => {
    expect(tokenKindOf("ghp_abc")).toBe("classic");
    expect(tokenKindOf("github_pat_abc")).toBe("fine-grained");
    expect(tokenKindOf("gho_abc")).toBe("oauth");
    expect(tokenKindOf("ghs_abc")).toBe("app");
    expect(tokenKindOf("something-else")).toBe("unknown");
  });
});

describe("readWorkflowShape", () => {
  it("init's workflow: two jobs and the commands they run", () => {
    const shape = readWorkflowShape(CI_WORKFLOW);
    expect(shape.problems).toEqual([]);
    expect(shape.jobs.map((job) => job.name)).toEqual(["status", "autonomous"]);
    expect(shape.jobs[0]?.runs).toEqual(["npx --yes my-little-soda status --check"]);
    expect(shape.jobs[1]?.runs).toEqual([
      "npx --yes my-little-soda --agent ${{ matrix.agent }} spawn --autonomous --once",
    ]);
  });

  it("follows block scalars and quoted keys", () => {
    const shape = readWorkflowShape(
      '"on": [push]\njobs:\n  check:\n    steps:\n      - name: run it\n        run: |\n          npm ci\n          npx my-little-soda status --check\n  other:\n    steps:\n      - run: "echo hi" # a comment\n',
    );
    expect(shape.problems).toEqual([]);
    expect(shape.jobs).toEqual([
      { name: "check", runs: ["npm ci\nnpx my-little-soda status --check"] },
      { name: "other", runs: ["echo hi"] },
    ]);
  });

  it("names what it cannot accept", () => {
    expect(readWorkflowShape("name: x\n").problems).toEqual([
      "no top-level `on:` (when it runs)",
      "no top-level `jobs:`",
    ]);
    expect(readWorkflowShape("on: push\njobs:\n\tbuild:\n").problems).toEqual([
      "line 3: a tab in the indentation (YAML allows spaces only)",
    ]);
  });
});
