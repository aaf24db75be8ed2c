import { describe, expect, it } from "vitest";
import { planSpawnWrites } from "../../../src/autonomous/plan-spawn-writes.js";
import type { Issue } from "../../../src/domain/issue.js";

const settings = {
  agentId: "agent001",
  root: "/repo",
  agentCommand: ["claude", "-p"],
  verify: ["npm", "test"],
  draft: false,
};

const issue: Issue = {
  number: 4,
  title: "Fix it",
  body: "",
  state: "open",
  labels: ["route:ready", "bug"],
  assignees: [],
  isPullRequest: false,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  url: "https://github.com/acme/widgets/issues/4",
};

const actions = (from: Parameters<typeof planSpawnWrites>[0]["from"], labels = issue.labels) =>
  planSpawnWrites({ issue: { ...issue, labels }, from, login: "alice", baseBranch: "main" }, settings).map(
    (write) => `${write.system} ${write.action}`,
  );

/** Bottle's delivery, as the loop makes it. */
const DELIVERY = [
  "git push",
  "github open-pull-request",
  "github set-labels",
  "github label-pull-request",
  "github delete-ref",
];

describe("planSpawnWrites", () => {
  it("plans a fresh claim through to delivery: pop's claim, the worktree, agent, verify, bottle's delivery", () => {
    expect(actions("claim")).toEqual([
      "github create-lease-commit",
      "github create-ref",
      "github set-marks",
      "git fetch",
      "git add-worktree",
      "local run",
      "local run",
      ...DELIVERY,
    ]);
    // The claim takes route:ready off, so delivery has only the agent label to remove.
    const writes = planSpawnWrites({ issue, from: "claim", login: "alice", baseBranch: "main" }, settings);
    expect(writes.find((write) => write.action === "set-labels")).toMatchObject({ remove: ["agent001"] });
  });

  it("plans a resume from its step on: no second claim, no second worktree", () => {
    expect(actions("verify", ["agent001"])).toEqual(["local run", ...DELIVERY]);
    expect(actions("deliver", ["agent001"])).toEqual(DELIVERY);
  });
});
