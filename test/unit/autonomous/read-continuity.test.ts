import { readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readContinuity, type ContinuityDeps, type ContinuityInput } from "../../../src/autonomous/read-continuity.js";
import type { GitWorkspace, IssueTracker } from "../../../src/core/ports.js";
import type { Store } from "../../../src/core/store-port.js";
import type { Issue } from "../../../src/domain/issue.js";
import { GitHubUnavailableError } from "../../../src/errors/index.js";
import { openStore } from "../../../src/store/open-store.js";

const NOW = new Date("2030-01-01T12:00:00.000Z");
const AGENT = "agent001";
const REPOSITORY = "acme/widgets";
const HOST = "box";
const LOOP_PID = 4242;
const BRANCH = "agent001/7-fix-it";
const HEAD = "c0ffee0000000000000000000000000000000000";

let dir: string;
let dbPath: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "mls-continuity-"));
  dbPath = path.join(dir, "my-little-soda.db");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A store written as a loop would have left it, `minutesAgo` before NOW. */
function writeStore(write: (store: Store, runId: string) => void, minutesAgo = 5): void {
  const store = openStore({
    path: dbPath,
    now: () => new Date(NOW.getTime() - minutesAgo * 60_000),
    isAlive: () => false,
  });
  try {
    const run = store.startRun({ agentId: AGENT, host: HOST, pid: LOOP_PID, repository: REPOSITORY });
    write(store, run.id);
  } finally {
    store.close();
  }
}

/** A work item taken as far as the agent running, as a loop killed with -9 leaves it. */
function killedDuringAgent(store: Store, runId: string): void {
  store.acquireLoopLock({ repository: REPOSITORY, agentId: AGENT, pid: LOOP_PID, host: HOST, runId });
  const item = store.createWorkItem({ runId, issueNumber: 7 });
  store.transition(item.id, { to: "claim" });
  store.transition(item.id, { to: "prepare", branch: BRANCH });
  store.transition(item.id, { to: "run-agent", headSha: HEAD, agentPid: 5000, agentPgid: 5000 });
}

/** Only the methods a test names exist; any other call fails the test, naming the method. */
function fake<T extends object>(name: string, methods: Partial<T>): T {
  return new Proxy(methods, {
    get: (target, key) => {
      if (key in target) return target[key as keyof typeof target];
      if (key === "then") return undefined;
      throw new Error(`${name}.${String(key)} is not faked`);
    },
  }) as T;
}

/** GitHub as a restart finds it: the issue, whose lease the claim ref holds. */
function gitHub(issue: Partial<Issue> | undefined, leaseAgent: string | undefined): IssueTracker {
  return fake<IssueTracker>("tracker", {
    getIssue: async (number) => ({
      number,
      title: "Fix it",
      body: "",
      state: "open",
      labels: [AGENT],
      assignees: [],
      isPullRequest: false,
      createdAt: NOW,
      updatedAt: NOW,
      url: `https://github.test/acme/widgets/issues/${number}`,
      ...issue,
    }),
    getClaimRef: async () => (leaseAgent ? "1ea5e" : undefined),
    readLease: async () =>
      leaseAgent
        ? { agent: leaseAgent, login: "alice", host: HOST, runId: "r", heartbeatAt: NOW, epoch: 1 }
        : undefined,
    findOpenPullRequest: async () => undefined,
  });
}

const gitAt = (head: string | undefined): GitWorkspace =>
  fake<GitWorkspace>("git", { resolveRef: async () => head, isAncestor: async (ancestor, of) => ancestor === of });

function deps(overrides: Partial<ContinuityDeps> = {}): ContinuityDeps {
  return {
    openStore: () => openStore({ path: dbPath, check: "none" }),
    tracker: async () => gitHub({}, AGENT),
    git: gitAt(HEAD),
    isProcessAlive: () => false,
    isProcessGroupAlive: () => false,
    now: () => NOW,
    ...overrides,
  };
}

const input: ContinuityInput = {
  agentId: AGENT,
  repository: REPOSITORY,
  host: HOST,
  storePath: "/repo/.my-little-soda/my-little-soda.db",
  staleAfterMs: 30 * 60_000,
};
const noGitHub = async (): Promise<IssueTracker> => {
  throw new Error("GitHub must not be asked");
};

describe("readContinuity", () => {
  it("without a store: nothing but nulls, and no GitHub", async () => {
    const report = await readContinuity(deps({ openStore: () => undefined, tracker: noGitHub }), input);
    expect(report).toEqual({
      agent: AGENT,
      repository: REPOSITORY,
      store: { path: input.storePath, exists: false, schemaVersion: null },
      integrity: null,
      checkpoint: null,
      checkpoints: [],
      run: null,
      loop: null,
      restart: null,
      unreadable: [],
    });
  });

  it("after a delivered issue: the last checkpoint is done, no loop runs, a restart starts fresh without asking GitHub", async () => {
    writeStore((store, runId) => {
      store.acquireLoopLock({ repository: REPOSITORY, agentId: AGENT, pid: LOOP_PID, host: HOST, runId });
      const item = store.createWorkItem({ runId, issueNumber: 3 });
      for (const to of ["claim", "prepare", "run-agent", "check-evidence", "verify", "deliver"] as const)
        store.transition(item.id, { to });
      store.transition(item.id, { to: "done", prNumber: 11 });
      store.finishRun(runId, "completed", "the queue is empty");
      store.releaseLoopLock({ repository: REPOSITORY, agentId: AGENT, runId });
    });

    const report = await readContinuity(deps({ tracker: noGitHub }), input);

    expect(report.integrity).toEqual({ ok: true, messages: [] });
    expect(report.checkpoint).toMatchObject({
      issue: 3,
      attempt: 1,
      state: "done",
      from: "deliver",
      current: false,
      pr: 11,
      ageSeconds: 300,
      at: "2030-01-01T11:55:00.000Z",
    });
    expect(report.checkpoints.map((checkpoint) => checkpoint.state)).toEqual([
      "reconcile",
      "claim",
      "prepare",
      "run-agent",
      "check-evidence",
      "verify",
      "deliver",
      "done",
    ]);
    expect(report.run).toMatchObject({
      outcome: "completed",
      reason: "the queue is empty",
      finishedAt: "2030-01-01T11:55:00.000Z",
      processAlive: null,
    });
    expect(report.loop).toEqual({ running: false, holder: null });
    expect(report.restart).toEqual({
      predicted: true,
      action: "start-fresh",
      at: null,
      reason: "no unfinished work: the last checkpoint is done",
      issue: null,
      kind: null,
      pr: null,
      agentRunning: false,
    });
  });

  it("after kill -9 during the agent: the current checkpoint, a lock left by a dead pid, and a resume that stops the orphaned agent first", async () => {
    writeStore(killedDuringAgent);

    const report = await readContinuity(deps({ isProcessGroupAlive: (pgid) => pgid === 5000 }), input);

    expect(report.checkpoint).toMatchObject({
      issue: 7,
      state: "run-agent",
      current: true,
      branch: BRANCH,
      head: HEAD,
      pr: null,
    });
    expect(report.run).toMatchObject({
      outcome: "running",
      host: HOST,
      pid: LOOP_PID,
      finishedAt: null,
      processAlive: false,
    });
    expect(report.loop).toMatchObject({
      running: false,
      holder: { pid: LOOP_PID, host: HOST, sameHost: true, processAlive: false, heartbeatAgeSeconds: 300 },
    });
    expect(report.restart).toEqual({
      predicted: true,
      action: "resume",
      at: "run-agent",
      reason: "#7 is still open and ours, and the branch is at the recorded HEAD or ahead",
      issue: 7,
      kind: "deliver",
      pr: null,
      agentRunning: true,
    });
  });

  it("predicts a resync when GitHub moved on: the issue closed meanwhile", async () => {
    writeStore(killedDuringAgent);
    const report = await readContinuity(deps({ tracker: async () => gitHub({ state: "closed" }, AGENT) }), input);
    expect(report.restart).toMatchObject({ predicted: true, action: "resync", reason: "#7 was closed", issue: 7 });
  });

  it("a live pid on this host is a running loop; on another host a fresh heartbeat is, a stale one is not", async () => {
    writeStore(killedDuringAgent);
    const alive = await readContinuity(deps({ isProcessAlive: (pid) => pid === LOOP_PID }), input);
    expect(alive.loop).toMatchObject({ running: true, holder: { processAlive: true, sameHost: true } });
    expect(alive.run?.processAlive).toBe(true);

    const elsewhere = await readContinuity(deps(), { ...input, host: "laptop" });
    expect(elsewhere.loop).toMatchObject({
      running: true,
      holder: { host: HOST, sameHost: false, processAlive: null },
    });
    expect(elsewhere.run?.processAlive).toBeNull();

    const stale = await readContinuity(deps(), { ...input, host: "laptop", staleAfterMs: 60_000 });
    expect(stale.loop?.running).toBe(false);
  });

  it("GitHub unreachable: the local part stands and the prediction says why it is missing", async () => {
    writeStore(killedDuringAgent);
    const unreachable = async (): Promise<IssueTracker> => {
      throw new GitHubUnavailableError("cannot reach GitHub at http://127.0.0.1:9: connect ECONNREFUSED", {
        reason: "network",
      });
    };

    const report = await readContinuity(deps({ tracker: unreachable }), input);

    expect(report.checkpoint).toMatchObject({ issue: 7, state: "run-agent" });
    expect(report.integrity?.ok).toBe(true);
    expect(report.restart).toEqual({
      predicted: false,
      action: null,
      at: null,
      reason: "cannot reach GitHub at http://127.0.0.1:9: connect ECONNREFUSED",
      issue: null,
      kind: null,
      pr: null,
      agentRunning: null,
    });
  });

  it("keys the loop lock by the latest run's repository when none is configured", async () => {
    writeStore(killedDuringAgent);
    const report = await readContinuity(deps(), { ...input, repository: undefined });
    expect(report.repository).toBe(REPOSITORY);
    expect(report.loop?.holder?.pid).toBe(LOOP_PID);
  });

  it("a file that is not a database: reported as failing the integrity check, and left as it was", async () => {
    const garbage = Buffer.from("this is not SQLite at all ".repeat(400));
    writeFileSync(dbPath, garbage);

    const report = await readContinuity(deps({ tracker: noGitHub }), input);

    expect(report.store.exists).toBe(true);
    expect(report.integrity?.ok).toBe(false);
    expect(report.integrity?.messages.join("\n")).toMatch(/is not a valid my-little-soda database/);
    expect(report.restart).toBeNull();
    expect(readFileSync(dbPath).equals(garbage)).toBe(true);
  });

  it("a damaged page: integrity fails, the unreadable part is named, the rest is shown, no prediction", async () => {
    writeStore(killedDuringAgent);
    const damaged = overwriteLeafPage("checkpoints");

    const report = await readContinuity(deps({ tracker: noGitHub }), input);

    expect(report.integrity?.ok).toBe(false);
    expect(report.integrity?.messages.length).toBeGreaterThan(0);
    expect(report.unreadable.join("\n")).toMatch(/^checkpoints: .*not a valid my-little-soda database/);
    expect(report.checkpoint).toBeNull();
    expect(report.run).toMatchObject({ outcome: "running" });
    expect(report.restart).toEqual({
      predicted: false,
      action: null,
      at: null,
      reason: "the store could not be read",
      issue: null,
      kind: null,
      pr: null,
      agentRunning: null,
    });
    expect(readFileSync(dbPath).equals(damaged)).toBe(true);
  });
});

/** Fill a table's leaf page with garbage, the way a bad disk would; returns the damaged file. */
function overwriteLeafPage(table: string): Buffer {
  const db = new Database(dbPath, { readonly: true });
  let offset: number;
  let size: number;
  try {
    const page = db
      .prepare(`SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno LIMIT 1`)
      .pluck()
      .get(table);
    const pageSize = db.pragma("page_size", { simple: true });
    if (typeof page !== "number" || typeof pageSize !== "number") throw new Error(`no leaf page for ${table}`);
    offset = (page - 1) * pageSize;
    size = pageSize;
  } finally {
    db.close();
  }
  const bytes = readFileSync(dbPath);
  bytes.fill(0xff, offset, offset + size);
  writeFileSync(dbPath, bytes);
  return bytes;
}
