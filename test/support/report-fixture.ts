import type { ReportStore } from "../../src/core/report/read-ledger.js";
import { readReport } from "../../src/core/report/read-report.js";
import type { Report } from "../../src/core/report/report-types.js";
import type { RecentPullRequest } from "../../src/core/review-ports.js";
import type { Checkpoint, Run, WorkItem } from "../../src/core/store-port.js";
import type { Issue } from "../../src/domain/issue.js";
import type { CheckRunFact, ReviewFact } from "../../src/domain/review/facts.js";

/**
 * A ledger and a GitHub of plain data for the report's unit tests: five issues over a 12-hour
 * window (delivered and merged, delivered after a failed verification with CI failing, escalated,
 * a rework round on an old pull request with changes requested, one left mid-run), a run stopped
 * by its spend limit and a trust refusal. `calls` records every GitHub read.
 */
export const T0 = Date.parse("2024-05-01T00:00:00Z");
export const at = (minutes: number) => new Date(T0 + minutes * 60_000);
export const now = at(12 * 60);
export const since = at(0);

export function ledger(extraOpen = 0) {
  const items: WorkItem[] = [];
  const checkpoints: Checkpoint[] = [];
  const runs: Run[] = [
    {
      id: "run-1",
      agentId: "agent001",
      host: "box",
      pid: 1,
      repository: "acme/widgets",
      startedAt: at(10),
      finishedAt: at(130),
      outcome: "completed",
      reason: "the queue is empty",
      options: {},
    },
    {
      id: "run-2",
      agentId: "agent001",
      host: "box",
      pid: 2,
      repository: "acme/widgets",
      startedAt: at(200),
      finishedAt: at(260),
      outcome: "completed",
      reason: "max_cost_usd_per_run $5.00 reached: the agents reported $5.10",
      options: {},
    },
  ];
  let nextCheckpoint = 1;
  const add = (
    issue: number,
    path: Array<[string, number, Record<string, unknown>?]>,
    fields: Partial<WorkItem> = {},
  ): WorkItem => {
    const id = items.length + 1;
    const [first] = path;
    const last = path.at(-1) ?? first;
    const item: WorkItem = {
      id,
      kind: "deliver",
      runId: "run-1",
      issueNumber: issue,
      attempt: items.filter((other) => other.issueNumber === issue).length + 1,
      state: (last?.[0] ?? "claim") as WorkItem["state"],
      createdAt: at(first?.[1] ?? 0),
      updatedAt: at(last?.[1] ?? 0),
      ...fields,
    };
    items.push(item);
    for (const [state, minute, detail] of path)
      checkpoints.push({
        id: nextCheckpoint++,
        workItemId: id,
        runId: item.runId,
        toState: state as WorkItem["state"],
        at: at(minute),
        ...(detail ? { detail } : {}),
      });
    return item;
  };
  // #1: delivered in 20 min (PR #101), merged by a person later.
  add(
    1,
    [
      ["claim", 10, { title: "First" }],
      ["run-agent", 11],
      ["check-evidence", 21],
      ["done", 30],
    ],
    { prNumber: 101, spend: { costUsd: 0.5, inputTokens: 100, outputTokens: 10 } },
  );
  // #2: failed once (verify), delivered on the second attempt 40 min after the first claim (PR #102), CI failing now.
  add(2, [
    ["claim", 40, { title: "Second" }],
    ["run-agent", 41],
    ["verify", 51],
    ["failed", 52, { failure: { errorClass: "verify-failure", reason: "npm test exited 1" } }],
  ]);
  add(
    2,
    [
      ["prepare", 52],
      ["run-agent", 53],
      ["done", 80],
    ],
    { prNumber: 102 },
  );
  // #3: escalated after two agent failures; still route:human-only on GitHub.
  add(3, [
    ["claim", 90, { title: "Third <b>" }],
    ["failed", 95, { failure: { errorClass: "agent-failure", reason: "exit 3" } }],
  ]);
  add(3, [
    ["prepare", 96],
    ["escalated", 100, { errorClass: "agent-failure", reason: "the agent exited 3\nand more" }],
  ]);
  // #4: delivered long ago (PR #104, still open, changes requested); a rework round in the window.
  add(
    4,
    [
      ["claim", -3000],
      ["done", -2990],
    ],
    { prNumber: 104 },
  );
  add(
    4,
    [
      ["prepare", 200],
      ["run-agent", 201],
      ["done", 210],
    ],
    { kind: "rework", round: 1, prNumber: 104 },
  );
  // #5: left mid-run by a crashed run.
  add(
    5,
    [
      ["claim", 250, { title: "Fifth" }],
      ["run-agent", 255],
    ],
    { runId: "gone" },
  );
  for (let index = 0; index < extraOpen; index++)
    add(
      20 + index,
      [
        ["claim", 300],
        ["done", 310],
      ],
      { prNumber: 200 + index },
    );
  const inWindow = (item: WorkItem) => item.updatedAt.getTime() >= since.getTime();
  const store: ReportStore = {
    workItemsSince: () => items.filter(inWindow),
    runsSince: () => runs,
    checkpoints: (id) => checkpoints.filter((checkpoint) => checkpoint.workItemId === id),
    attemptsFor: (issue) => items.filter((item) => item.issueNumber === issue),
    listDrifts: () => [],
    listRecoveries: () => [],
    trustRefusals: () => [
      { issueNumber: 7, approval: "none", reason: "labelled by a reader", at: at(300), commentPosting: false },
    ],
    unfinishedWorkItems: () => items.filter((item) => item.issueNumber === 5),
  };
  return { store };
}

const pull = (number: number, issue: number, fields: Partial<RecentPullRequest>): RecentPullRequest => ({
  number,
  url: `https://github.test/acme/widgets/pull/${number}`,
  title: `PR for #${issue}`,
  headBranch: `agent001/${issue}-task`,
  headSha: `sha${number}`,
  baseBranch: "main",
  labels: ["route:review"],
  draft: false,
  author: "alice",
  updatedAt: at(400),
  state: "open",
  merged: false,
  createdAt: at(30),
  ...fields,
});

export function github(options: { extraOpen?: number } = {}) {
  const calls: string[] = [];
  const pulls = [
    pull(101, 1, { state: "closed", merged: true, createdAt: at(30), mergedAt: at(90), closedAt: at(90) }),
    pull(102, 2, { createdAt: at(80) }),
    pull(104, 4, { createdAt: at(-2990) }),
    // A person's pull request: not ours, never read.
    { ...pull(150, 0, {}), headBranch: "feature/x" },
    ...Array.from({ length: options.extraOpen ?? 0 }, (_, index) => pull(200 + index, 20 + index, {})),
  ];
  const humanOnly: Issue[] = [
    {
      number: 3,
      title: "Third <b>",
      body: "",
      state: "open",
      labels: ["route:human-only"],
      assignees: [],
      isPullRequest: false,
      createdAt: at(0),
      updatedAt: at(100),
      url: "https://github.test/acme/widgets/issues/3",
    },
  ];
  const runs: Record<string, CheckRunFact[]> = {
    sha102: [
      { id: 1, name: "test", status: "completed", conclusion: "failure", appId: null } as unknown as CheckRunFact,
    ],
  };
  const reviews: Record<number, ReviewFact[]> = {
    104: [{ id: 1, author: "owner", state: "CHANGES_REQUESTED", commitId: "sha104", submittedAt: at(300), body: "" }],
  };
  return {
    calls,
    tracker: {
      listOpenIssues: async (query: { labels: string[] }) => {
        calls.push(`issues ${query.labels.join(",")}`);
        return { issues: humanOnly, hasNextPage: false };
      },
    },
    review: {
      listRecentPullRequests: async () => {
        calls.push("pulls");
        return { pulls, hasNextPage: false };
      },
      listCheckRuns: async (sha: string) => {
        calls.push(`checks ${sha}`);
        return runs[sha] ?? [];
      },
      listCommitStatuses: async (sha: string) => {
        calls.push(`statuses ${sha}`);
        return [];
      },
      listReviews: async (number: number) => {
        calls.push(`reviews ${number}`);
        return reviews[number] ?? [];
      },
    },
  };
}

export async function report(
  options: { extraOpen?: number; ciLimit?: number } = {},
): Promise<{ result: Report; calls: string[] }> {
  const fake = github(options);
  const { store } = ledger(options.extraOpen);
  const result = await readReport({
    store,
    tracker: fake.tracker,
    review: fake.review,
    repository: "acme/widgets",
    since,
    now,
    ciLimit: options.ciLimit,
  });
  return { result, calls: fake.calls };
}
