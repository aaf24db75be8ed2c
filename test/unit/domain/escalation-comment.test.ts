import { describe, expect, it } from "vitest";
import { escalationComment } from "../../../src/domain/escalation-comment.js";

const base = {
  agentId: "agent001",
  reason: "the agent exited 3",
  attempts: 3,
  branch: "agent001/7-fix",
  tail: "step 1\nstep 2",
  secrets: [],
};

describe("escalationComment", () => {
  it("says what failed, how often, where the work is, and shows the log's end", () => {
    const body = escalationComment(base);
    expect(body).toContain("agent001 tried 3 times; the last attempt failed: the agent exited 3.");
    expect(body).toContain("The work so far is on the branch `agent001/7-fix`.");
    expect(body).toContain("```text\nstep 1\nstep 2\n```");
  });

  it("never carries the token or anything shaped like one", () => {
    const body = escalationComment({
      ...base,
      tail: "using s3cr3t-value and ghp_abcdefghijklmnopqrstuvwxyz0123456789",
      secrets: ["s3cr3t-value"],
    });
    expect(body).not.toContain("s3cr3t-value");
    expect(body).not.toContain("ghp_abcdefghijklmnopqrstuvwxyz0123456789");
  });

  it("keeps only the last 30 lines, in a fence longer than any backtick run in them", () => {
    const tail = [...Array.from({ length: 40 }, (_, i) => `line ${i}`), "````"].join("\n");
    const body = escalationComment({ ...base, tail });
    expect(body).not.toContain("line 10\n");
    expect(body).toContain("line 39");
    expect(body).toContain("`````text");
  });

  it("says when there is no branch, and leaves the log out when there is none", () => {
    const body = escalationComment({ ...base, branch: undefined, tail: "", attempts: 1 });
    expect(body).toContain("tried 1 time;");
    expect(body).toContain("No commits were made");
    expect(body).not.toContain("<details>");
  });
});
