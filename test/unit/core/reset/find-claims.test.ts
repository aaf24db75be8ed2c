import { describe, expect, it } from "vitest";
import type { ClaimRef, IssuePage, OpenIssueQuery } from "../../../../src/core/ports.js";
import { findClaims, type ClaimSource } from "../../../../src/core/reset/find-claims.js";
import type { Issue } from "../../../../src/domain/issue.js";
import type { Lease } from "../../../../src/domain/lease.js";
import { NotFoundError } from "../../../../src/errors/index.js";
import { makeIssue } from "../../../support/in-memory-tracker.js";

const lease = (agent: string): Lease => ({
  agent,
  login: "alice",
  host: "h",
  runId: "r",
  heartbeatAt: new Date(0),
  epoch: 1,
});

/** GitHub as findClaims reads it: issues, claim refs, and lease commits by sha. */
class FakeClaimSource implements ClaimSource {
  readonly calls: string[] = [];
  constructor(
    private readonly issues: Issue[],
    private readonly refs: ClaimRef[],
    private readonly leases: Record<string, Lease>,
  ) {}
  async listClaimRefs() {
    this.calls.push("listClaimRefs");
    return this.refs;
  }
  async listLabels() {
    this.calls.push("listLabels");
    const names = new Set(this.issues.flatMap((issue) => issue.labels));
    return [...names].map((name) => ({ name, color: "000000", description: "" }));
  }
  async readLease(sha: string) {
    this.calls.push(`readLease ${sha}`);
    return this.leases[sha];
  }
  async listOpenIssues(query: OpenIssueQuery): Promise<IssuePage> {
    this.calls.push(`listOpenIssues ${query.labels.join(",")}`);
    const issues = this.issues.filter(
      (issue) => issue.state === "open" && query.labels.every((label) => issue.labels.includes(label)),
    );
    return { issues, hasNextPage: false };
  }
  async getIssue(number: number) {
    this.calls.push(`getIssue ${number}`);
    const issue = this.issues.find((candidate) => candidate.number === number);
    if (!issue) throw new NotFoundError(`no issue ${number}`, { status: 404 });
    return issue;
  }
}

describe("findClaims", () => {
  const issues = [
    makeIssue(1, ["agent001"]),
    makeIssue(2, ["agent002"]),
    makeIssue(3, ["agent001"]),
    makeIssue(4, []),
    makeIssue(5, ["agent001"], { isPullRequest: true }),
    makeIssue(6, ["agent001"], { state: "closed" }),
  ];
  const refs: ClaimRef[] = [
    { issueNumber: 1, sha: "a1" },
    { issueNumber: 2, sha: "a2" },
    { issueNumber: 3, sha: "a3" }, // labelled agent001, but agent002's lease holds the lock
    { issueNumber: 4, sha: "main" }, // not a lease
    { issueNumber: 6, sha: "a6" }, // closed issue, agent001's lease
    { issueNumber: 9, sha: "a9" }, // the issue is gone
  ];
  const leases = {
    a1: lease("agent001"),
    a2: lease("agent002"),
    a3: lease("agent002"),
    a6: lease("agent001"),
    a9: lease("agent001"),
  };

  it("finds one agent's claims by label and by lease, leaves another agent's lock alone, skips pull requests", async () => {
    const source = new FakeClaimSource(issues, refs, leases);
    const found = await findClaims(source, { agentId: "agent001", all: false });
    expect(
      found.claims.map((claim) => [
        claim.number,
        claim.locked,
        claim.lease?.agent ?? null,
        claim.issue?.state ?? "missing",
      ]),
    ).toEqual([
      [1, true, "agent001", "open"],
      [6, true, "agent001", "closed"],
      [9, true, "agent001", "missing"],
    ]);
    expect(found.heldElsewhere).toEqual([{ issue: 3, agent: "agent002" }]);
    expect(source.calls).not.toContain("listLabels");
    expect(source.calls.filter((call) => call.startsWith("getIssue"))).toEqual(["getIssue 6", "getIssue 9"]);
  });

  it("with all, takes every agent's claims and every lock, a lock that is not a lease included", async () => {
    const found = await findClaims(new FakeClaimSource(issues, refs, leases), { agentId: "agent001", all: true });
    expect(found.claims.map((claim) => claim.number)).toEqual([1, 2, 3, 4, 6, 9]);
    expect(found.claims.find((claim) => claim.number === 4)).toMatchObject({ locked: true, lease: undefined });
    expect(found.heldElsewhere).toEqual([]);
    expect(found.agents.sort()).toEqual(["agent001", "agent002"]);
  });

  it("ignores a lock whose commit is not a lease when looking for one agent", async () => {
    const found = await findClaims(new FakeClaimSource([makeIssue(4, [])], [{ issueNumber: 4, sha: "main" }], {}), {
      agentId: "agent001",
      all: false,
    });
    expect(found.claims).toEqual([]);
  });
});
