import { createServer, type IncomingHttpHeaders } from "node:http";
import type { Socket } from "node:net";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { initialiseRepository, useWorld, type World } from "../support/e2e-world.js";
import { configureLoop, openCloneStore } from "../support/loop-world.js";

/** The part of the webhook URL that is its key: it must never show anywhere but in the request itself. */
const KEY = "xoxNotifyKey0123456789";
const KEY_PATH = `/services/T0NOTIFY/B0NOTIFY/${KEY}`;
const TIMEOUT_MS = 1_500;

const world = useWorld({ beforeEach, afterEach });
const receivers: Receiver[] = [];
afterEach(async () => {
  for (const receiver of receivers.splice(0)) await receiver.close();
});

interface Receiver {
  url: string;
  /** Each request as it arrived (tries of the same message included). */
  received: Array<{ path: string; headers: IncomingHttpHeaders; body: Record<string, unknown> }>;
  answer: "ok" | "500" | "hang";
  close(): Promise<void>;
}

/** A local webhook receiver: answers 200, 500, or never. */
async function startReceiver(answer: Receiver["answer"] = "ok"): Promise<Receiver> {
  const sockets = new Set<Socket>();
  const receiver = { received: [], answer } as unknown as Receiver;
  const server = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk.toString()));
    request.on("end", () => {
      receiver.received.push({ path: request.url ?? "", headers: request.headers, body: JSON.parse(text) });
      if (receiver.answer === "hang") return;
      response.writeHead(receiver.answer === "ok" ? 200 : 500, { "content-type": "text/plain" });
      response.end(receiver.answer === "ok" ? "ok" : "internal_error");
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  receiver.url = `http://127.0.0.1:${port}${KEY_PATH}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  receivers.push(receiver);
  return receiver;
}

function envWith(w: World, receiver: Receiver): NodeJS.ProcessEnv {
  return {
    ...w.env,
    MY_LITTLE_SODA_NOTIFY_WEBHOOK_URL: receiver.url,
    MY_LITTLE_SODA_NOTIFY_TIMEOUT_MS: String(TIMEOUT_MS),
    MY_LITTLE_SODA_NOTIFY_RETRY_BASE_MS: "200",
  };
}

async function seed(w: World, titles: string[]): Promise<number[]> {
  await initialiseRepository(w);
  return titles.map((title) => w.repo.addIssue({ title, body: title, labels: ["route:ready"] }).number);
}

/** Every byte the loop keeps in .my-little-soda (the store, its WAL, logs, prompts), as text. */
async function stateBytes(w: World): Promise<string> {
  const dir = path.join(w.clone, ".my-little-soda");
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  const texts = await Promise.all(files.map((entry) => readFile(path.join(entry.parentPath, entry.name), "latin1")));
  return texts.join("\n");
}

/** The messages received, once each (a retried message arrives more than once). */
function messages(receiver: Receiver): Array<Record<string, unknown>> {
  const seen = new Set<string>();
  return receiver.received
    .map((request) => request.body)
    .filter((body) => !seen.has(JSON.stringify(body)) && seen.add(JSON.stringify(body)));
}

const RUN = { id: expect.any(String), startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) };

describe("spawn --autonomous: notifications to [notify] webhook_url (design §5)", () => {
  it("posts the escalation and the end of the run in the documented shape, and never shows the URL's key", async () => {
    const w = world();
    const [number] = await seed(w, ["Flaky one"]);
    const agent = await configureLoop(w, { maxAttempts: 2 });
    await agent.behave(number ?? 0, "fail", "fail");
    const receiver = await startReceiver();
    const env = envWith(w, receiver);

    const plan = await w.cli(["spawn", "--autonomous", "--dry-run"], { env });
    const target = receiver.url.replace(KEY_PATH, "/…");
    expect(plan.stdout).toContain(
      `[dry-run] would post notifications (escalation, budget-stop, quota-pause, run-finished) to ${target}`,
    );
    const planJson = JSON.parse((await w.cli(["spawn", "--autonomous", "--dry-run", "--json"], { env })).stdout);
    expect(planJson.notify).toEqual({
      webhook: target,
      events: ["escalation", "budget-stop", "quota-pause", "run-finished"],
    });

    const result = await w.cli(["--debug", "spawn", "--autonomous", "--until-empty"], { env });

    expect(result.code, result.stderr).toBe(0);
    expect(receiver.received.map((request) => request.path)).toEqual([KEY_PATH, KEY_PATH]);
    expect(receiver.received[0]?.headers["content-type"]).toBe("application/json; charset=utf-8");
    const issue = { number, title: "Flaky one", url: `${w.server.url}/acme/widgets/issues/${number}` };
    const [escalation, finished] = messages(receiver);
    expect(escalation).toEqual({
      text: `🙋 [acme/widgets] agent001 handed #${number} “Flaky one” to a person: 2 failed attempts: the agent exited 3 ${issue.url}`,
      event: "escalation",
      repository: "acme/widgets",
      agent: "agent001",
      issue,
      pullRequest: null,
      reason: "2 failed attempts: the agent exited 3",
      run: RUN,
      until: null,
      summary: null,
      at: expect.any(String),
      schemaVersion: 1,
    });
    expect(finished).toEqual({
      text: expect.stringMatching(
        /^🥤 \[acme\/widgets\] agent001's run completed \(the queue is empty\): 1 escalated, 2 failed attempts, \d+s\nacme\/widgets, last \d+ (s|min): 0 issues delivered, 0 merged, 1 escalated, 2 failed attempts · 1 needs you$/,
      ),
      event: "run-finished",
      repository: "acme/widgets",
      agent: "agent001",
      issue: null,
      pullRequest: null,
      reason: "the queue is empty",
      run: { ...RUN, id: (escalation?.run as { id: string }).id },
      until: null,
      summary: {
        outcome: "completed",
        reason: "the queue is empty",
        exitCode: 0,
        durationMs: expect.any(Number),
        issuesDone: 0,
        pullRequestsOpened: 0,
        reworked: 0,
        landed: 0,
        escalated: 1,
        abandoned: 0,
        failedAttempts: 2,
        costUsd: null,
        issues: [
          {
            number,
            kind: "deliver",
            outcome: "escalated",
            pullRequest: null,
            reason: "the agent exited 3",
          },
        ],
        // `report --since <run start>`, summed up: the escalated issue is what needs a person.
        report: {
          text: expect.any(String),
          figures: {
            since: expect.any(String),
            until: expect.any(String),
            issuesDelivered: 0,
            prsMerged: 0,
            escalations: 1,
            reworkRounds: 0,
            failedAttempts: 2,
            needsYou: 1,
            costUsd: null,
            claimToPrMedianMs: null,
          },
        },
      },
      at: expect.any(String),
      schemaVersion: 1,
    });
    expect(w.repo.issue(number ?? 0).labels).toContain("route:human-only");
    expect(result.stdout).toContain(`📣 escalation (#${number}) posted to ${target}`);
    expect(result.stdout).toContain(`📣 run-finished posted to ${target}`);

    // The key: not in any output (--debug included), not in what the loop stored, not given to the agent.
    for (const text of [plan.stdout, plan.stderr, result.stdout, result.stderr, await stateBytes(w)]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain("/services/T0NOTIFY");
    }
    expect(result.stderr).toContain("debug:"); // --debug did print
    for (const run of await agent.runs()) expect(run.env.MY_LITTLE_SODA_NOTIFY_WEBHOOK_URL).toBeUndefined();
  });

  it("a webhook answering 500, or never answering, holds the loop up by its timeout at most, and is recorded as given up", async () => {
    const w = world();
    await seed(w, []);
    const agent = await configureLoop(w, { maxAttempts: 2 });
    const receiver = await startReceiver();
    const env = envWith(w, receiver);
    // The same run three times, on a new issue each (escalated after two failures): healthy, 500, silent.
    const issues: number[] = [];
    const timed = async (answer: Receiver["answer"], title: string) => {
      const { number } = w.repo.addIssue({ title, body: title, labels: ["route:ready"] });
      issues.push(number);
      await agent.behave(number, "fail", "fail");
      receiver.answer = answer;
      const started = performance.now();
      const result = await w.cli(["--debug", "spawn", "--autonomous", "--until-empty"], { env });
      const ms = performance.now() - started;
      expect(result.code, result.stderr).toBe(0);
      expect(w.repo.issue(number).labels).toContain("route:human-only");
      return { ms, result };
    };
    const healthy = await timed("ok", "First");
    const failing = await timed("500", "Second");
    const silent = await timed("hang", "Third");
    const [, second = 0, third = 0] = issues;

    // A sender that blocked the loop would spend 4 tries × the timeout on the silent webhook for the
    // escalation alone, and as much again for run-finished (about 15 s here); the loop may only wait once, at
    // its end, for at most the timeout. The slack absorbs the three runs' own spread on a busy machine
    // and still leaves the bound (6.5 s) far below what blocking would cost.
    const slack = 5_000;
    expect(failing.ms - healthy.ms).toBeLessThanOrEqual(TIMEOUT_MS + slack);
    expect(silent.ms - healthy.ms).toBeLessThanOrEqual(TIMEOUT_MS + slack);

    const target = receiver.url.replace(KEY_PATH, "/…");
    expect(failing.result.stdout).toMatch(
      new RegExp(
        `📣 escalation \\(#${second}\\) not delivered to ${escape(target)} after \\d tries: HTTP 500 "internal_error"`,
      ),
    );
    expect(silent.result.stdout).toContain(`📣 escalation (#${third}) not delivered to ${target}`);
    expect(silent.result.stdout).toContain(
      `📣 run-finished not delivered to ${target}: the run ended before it was sent`,
    );
    const escalations = (answer: number) =>
      receiver.received.filter(
        (request) =>
          request.body.event === "escalation" && (request.body.issue as { number: number }).number === answer,
      );
    expect(escalations(second).length).toBeGreaterThan(1); // retried
    expect(escalations(third).length).toBeGreaterThanOrEqual(1);

    const store = openCloneStore(w);
    try {
      const given = store
        .listRecoveries()
        .filter((event) => event.strategy === "webhook")
        .map((event) => [event.issueNumber ?? null, event.errorClass, event.outcome, event.detail?.event]);
      expect(given).toEqual(
        expect.arrayContaining([
          [second, "server-error", "gave-up", "escalation"],
          [third, "run-ended", "gave-up", "escalation"],
          [null, "run-ended", "gave-up", "run-finished"],
        ]),
      );
    } finally {
      store.close();
    }
    for (const { result } of [healthy, failing, silent]) {
      expect(result.stdout + result.stderr).not.toContain(KEY);
    }
    expect(await stateBytes(w)).not.toContain(KEY);
  });

  it("posts a budget stop: an issue past max_cost_usd_per_issue, and a run past max_cost_usd_per_run", async () => {
    const w = world();
    const [costly = 0] = await seed(w, ["Costly one"]);
    const agent = await configureLoop(w, { maxCostUsdPerIssue: 0.25 });
    await agent.behave(costly, "spend-costly");
    const receiver = await startReceiver();

    const perIssue = await w.cli(["spawn", "--autonomous", "--until-empty"], { env: envWith(w, receiver) });

    expect(perIssue.code, perIssue.stderr).toBe(0);
    const [stop, end] = messages(receiver);
    expect(stop).toMatchObject({
      event: "budget-stop",
      issue: { number: costly, title: "Costly one" },
      reason: expect.stringContaining("over max_cost_usd_per_issue = $0.2500"),
      summary: null,
    });
    expect(stop?.text).toMatch(
      new RegExp(
        `^💸 \\[acme/widgets\\] agent001 stopped #${costly} “Costly one” at its spend limit and handed it to a person: `,
      ),
    );
    expect(end).toMatchObject({ event: "run-finished", summary: { escalated: 1, costUsd: 0.3 } });

    // Then the run's own limit: the first issue's $0.10 spends it, and the loop stops taking work.
    const toml = path.join(w.clone, "my-little-soda.toml");
    const text = (await readFile(toml, "utf8")).replace("[autonomous]\n", "[autonomous]\nmax_cost_usd_per_run = 0.1\n");
    await writeFile(toml, text);
    for (const title of ["Cheap one", "Later one"]) {
      const { number } = w.repo.addIssue({ title, body: title, labels: ["route:ready"] });
      await agent.behave(number, "spend-cheap");
    }
    receiver.received.length = 0;

    const perRun = await w.cli(["spawn", "--autonomous", "--until-empty"], { env: envWith(w, receiver) });

    expect(perRun.code, perRun.stderr).toBe(0);
    const [runStop, runEnd] = messages(receiver);
    expect(runStop).toMatchObject({
      event: "budget-stop",
      issue: null,
      reason: "max_cost_usd_per_run $0.1000 reached: the agents reported $0.1000",
      text: "💸 [acme/widgets] agent001 stops taking work: max_cost_usd_per_run $0.1000 reached: the agents reported $0.1000",
    });
    expect(runEnd).toMatchObject({
      event: "run-finished",
      reason: "max_cost_usd_per_run $0.1000 reached: the agents reported $0.1000",
      summary: { issuesDone: 1, pullRequestsOpened: 1, costUsd: 0.1 },
    });
  });

  it("posts a quota pause with the time the loop takes the work up again", async () => {
    const w = world();
    const [number = 0] = await seed(w, ["Limited"]);
    const agent = await configureLoop(w);
    await agent.behave(number, "quota");
    const receiver = await startReceiver();

    const result = await w.cli(["spawn", "--autonomous", "--once"], { env: envWith(w, receiver) });

    expect(result.code, result.stderr).toBe(0);
    const [pause, end] = messages(receiver);
    expect(pause).toMatchObject({
      event: "quota-pause",
      issue: { number, title: "Limited" },
      reason: expect.stringMatching(/^the agent's plan limit was reached \("Claude AI usage limit reached\|\d+"\)$/),
      until: expect.stringMatching(/Z$/),
    });
    expect(pause?.text).toMatch(new RegExp(`^⏸️ \\[acme/widgets\\] agent001 paused #${number} “Limited” until `));
    expect(Date.parse(String(pause?.until))).toBeGreaterThan(Date.parse(String(pause?.at)));
    expect(end).toMatchObject({ event: "run-finished", summary: { issuesDone: 1 } });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
