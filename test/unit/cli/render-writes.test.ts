import { describe, expect, it } from "vitest";
import type { PlannedWrite } from "../../../src/core/planned-write.js";
import { describeWrite } from "../../../src/cli/render/render-writes.js";

const EVERY_WRITE: PlannedWrite[] = [
  { system: "github", action: "create-lease-commit", agent: "agent001", login: "alice" },
  { system: "github", action: "create-ref", ref: "refs/my-little-soda/claims/4", issue: 4, candidates: 3 },
  { system: "github", action: "create-ref", ref: "refs/my-little-soda/claims/4", issue: 4, candidates: 1 },
  { system: "github", action: "set-marks", issue: 4, labels: ["bug", "agent001"], assignees: ["alice"] },
  { system: "github", action: "set-labels", issue: 4, add: ["route:review"], remove: ["agent001"] },
  { system: "github", action: "set-labels", issue: 4, add: [], remove: ["agent001"] },
  {
    system: "github",
    action: "open-pull-request",
    title: "Fix it",
    head: "agent001/4-fix-it",
    base: "main",
    draft: true,
    closes: 4,
  },
  { system: "github", action: "reuse-pull-request", number: 9 },
  { system: "github", action: "label-pull-request", number: null, add: ["route:review"] },
  { system: "github", action: "label-pull-request", number: 9, add: ["route:review"] },
  { system: "github", action: "delete-ref", ref: "refs/my-little-soda/claims/4", issue: 4 },
  { system: "github", action: "create-comment", number: 9, purpose: "rework-summary" },
  { system: "github", action: "request-reviewers", number: 9, reviewers: ["owner", "ann"] },
  { system: "github", action: "create-label", name: "route:ready", color: "0052cc" },
  {
    system: "github",
    action: "update-label",
    currentName: "Route:Ready",
    name: "route:ready",
    changes: ["name Route:Ready → route:ready", "color ededed → 0052cc"],
  },
  { system: "git", action: "fetch", remote: "origin", branch: "main" },
  { system: "git", action: "create-branch", branch: "agent001/4-fix-it", startPoint: "origin/main" },
  {
    system: "git",
    action: "add-worktree",
    path: "/repo/.my-little-soda/worktrees/4-fix-it",
    branch: "agent001/4-fix-it",
    startPoint: "origin/main",
  },
  { system: "git", action: "push", remote: "origin", branch: "agent001/4-fix-it", commits: 2 },
  { system: "git", action: "push", remote: "origin", branch: "agent001/4-fix-it", commits: null },
  { system: "git", action: "checkout", branch: "main" },
  { system: "git", action: "update-branch", branch: "agent001/4-fix-it", upstream: "origin/agent001/4-fix-it" },
  { system: "git", action: "merge", branch: "agent001/4-fix-it", upstream: "origin/main" },
  { system: "git", action: "delete-branch", branch: "agent001/4-fix-it" },
  { system: "local", action: "run", command: ["npm", "test"], purpose: "verify" },
  { system: "local", action: "run", command: ["claude", "-p"], purpose: "agent" },
  { system: "local", action: "write-file", path: "my-little-soda.toml", change: "create" },
];

describe("describeWrite", () => {
  it("words every kind of planned write as --dry-run prints it", () => {
    expect(EVERY_WRITE.map(describeWrite)).toMatchInlineSnapshot(`
      [
        "GitHub: create a lease commit (agent001, alice)",
        "GitHub: create ref refs/my-little-soda/claims/4 (if another agent wins it, try the next of 3 candidates)",
        "GitHub: create ref refs/my-little-soda/claims/4",
        "GitHub: set #4 labels to [bug, agent001] and assignees to [alice]",
        "GitHub: label #4 route:review, remove agent001",
        "GitHub: remove agent001 from #4",
        "GitHub: open a draft pull request "Fix it" agent001/4-fix-it → main, body closing #4",
        "GitHub: reuse the open pull request #9",
        "GitHub: label the pull request route:review",
        "GitHub: label the pull request #9 route:review",
        "GitHub: delete ref refs/my-little-soda/claims/4",
        "GitHub: comment on #9: what this rework round changed, for which reason",
        "GitHub: ask @owner, @ann to review #9 again",
        "GitHub: create label route:ready (0052cc)",
        "GitHub: update label Route:Ready (name Route:Ready → route:ready, color ededed → 0052cc)",
        "git: fetch origin main",
        "git: checkout -b agent001/4-fix-it origin/main",
        "git: worktree add /repo/.my-little-soda/worktrees/4-fix-it -b agent001/4-fix-it origin/main",
        "git: push origin agent001/4-fix-it (2 commits)",
        "git: push origin agent001/4-fix-it",
        "git: checkout main",
        "git: bring agent001/4-fix-it level with origin/agent001/4-fix-it (fast-forward, or local commits rebased onto it)",
        "git: merge origin/main into agent001/4-fix-it (a conflict is left for you to resolve)",
        "git: branch -D agent001/4-fix-it",
        "run: npm test (must pass)",
        "run: claude -p (the agent, in the worktree)",
        "file: create my-little-soda.toml",
      ]
    `);
  });
});
