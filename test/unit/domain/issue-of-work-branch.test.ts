import { describe, expect, it } from "vitest";
import {
  branchFor,
  issueOfWorkBranch,
  workBranchOwner,
  worktreePathOfBranch,
} from "../../../src/domain/branch-name.js";

const issueOfBranch = (branch: string, agentId: string) => issueOfWorkBranch(agentId, branch);

describe("issueOfWorkBranch", () => {
  it("reads the issue from our own branch names", () => {
    expect(issueOfBranch("agent001/12-fix-the-login", "agent001")).toBe(12);
    expect(issueOfBranch("agent001/4031-issue", "agent001")).toBe(4031);
    expect(issueOfBranch(`agent001/9-${"a".repeat(30)}`, "agent001")).toBe(9);
  });

  it.each([
    "Fix the login",
    "",
    "Ça marche: accents, émojis 👩‍💻 and CAPITALS",
    "Supercalifragilisticexpialidocious-and-then-some words",
    "Add `--json` to status (and peek!)",
    "123 numbers first",
  ])("agrees with how pop names branches, for the title %j", (title) => {
    expect(issueOfBranch(branchFor("agent007", { number: 58, title }), "agent007")).toBe(58);
  });

  it.each([
    ["another agent's branch", "agent002/12-fix-the-login"],
    ["a prefix of another agent's id", "agent0011/12-fix-the-login"],
    ["the base branch", "main"],
    ["a person's branch", "alice/12-fix-the-login"],
    ["no slug", "agent001/12"],
    ["no number", "agent001/fix-the-login"],
    ["a number with a leading zero", "agent001/012-fix"],
    ["a preserved copy of a full-length slug", "agent001/12-fix-the-login-redirect-loop-preserved-7"],
    ["a slug longer than slugify writes", `agent001/12-${"a".repeat(31)}`],
    ["capitals in the slug", "agent001/12-Fix-the-login"],
    ["a trailing dash", "agent001/12-fix-"],
    ["a nested path", "feature/agent001/12-fix"],
  ])("is undefined for %s", (_what, branch) => {
    expect(issueOfBranch(branch, "agent001")).toBeUndefined();
  });
});

describe("workBranchOwner", () => {
  it("reads the agent and the issue from any agent's work branch", () => {
    expect(workBranchOwner("agent002/12-fix-the-login")).toEqual({ agentId: "agent002", issueNumber: 12 });
    expect(workBranchOwner("agent010/7-issue")).toEqual({ agentId: "agent010", issueNumber: 7 });
  });

  it.each(["main", "alice/12-fix", "agent001/12", "agentx/12-fix", `agent001/12-fix-preserved-4`.padEnd(60, "x")])(
    "is undefined for %j",
    (branch) => {
      expect(workBranchOwner(branch)).toBeUndefined();
    },
  );
});

describe("worktreePathOfBranch", () => {
  it("names the worktree after the branch without the agent", () => {
    expect(worktreePathOfBranch("/r/.my-little-soda", "agent001", "agent001/12-fix-the-login")).toBe(
      "/r/.my-little-soda/worktrees/12-fix-the-login",
    );
  });
});
