import { chmod, readFile, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runAgent } from "../../../src/autonomous/agent/run-agent.js";
import { createAgentSandbox } from "./agent-sandbox.js";
import type { AgentSandbox } from "./agent-sandbox.js";

let box: AgentSandbox;
beforeEach(async () => {
  box = await createAgentSandbox();
});
afterEach(async () => {
  await box.cleanup();
});

const REPORT_ENV = `
import { readFileSync, writeFileSync } from "node:fs";
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith("MLS_")));
writeFileSync(process.argv[2], JSON.stringify({
  env,
  cwd: process.cwd(),
  argv: process.argv.slice(3),
  prompt: readFileSync(process.env.MLS_PROMPT_FILE, "utf8"),
}));
`;

interface Report {
  env: Record<string, string>;
  cwd: string;
  argv: string[];
  prompt: string;
}

describe("runAgent: what reaches the agent", () => {
  it("passes the MLS_* variables, the base environment and the prompt file, and runs in the worktree", async () => {
    const script = await box.writeAgent("report", REPORT_ENV);
    const out = join(box.root, "report.json");
    const started: Array<{ pid: number; pgid: number; logFile: string }> = [];
    const result = await runAgent(
      box.request(script, {
        args: [out],
        prompt: "Issue #7: Make it fizz\n\nUnicode survives: 🥤 é\n",
        onStart: (info) => void started.push(info),
        now: () => new Date("2030-01-02T03:04:05.678Z"),
      }),
    );

    expect(result).toMatchObject({ outcome: "exited", exitCode: 0, signal: null, heartbeatErrors: [] });
    const report = await box.readJson<Report>(out);
    expect(report.env).toEqual({
      MLS_ISSUE_NUMBER: "7",
      MLS_ISSUE_TITLE: "Make it fizz",
      MLS_ISSUE_URL: "https://github.com/acme/widgets/issues/7",
      MLS_BRANCH: "agent001/7-make-it-fizz",
      MLS_WORKTREE: box.worktree,
      MLS_PROMPT_FILE: result.promptFile,
    });
    expect(report.cwd).toBe(box.worktree);
    expect(report.prompt).toBe("Issue #7: Make it fizz\n\nUnicode survives: 🥤 é\n");
    expect(result.promptFile).toBe(join(box.stateDir, "prompts", "7-2030-01-02T03-04-05-678Z.md"));
    expect(result.logFile).toBe(join(box.stateDir, "logs", "7-2030-01-02T03-04-05-678Z.log"));
    expect(started).toEqual([{ pid: expect.any(Number), pgid: started[0]?.pid, logFile: result.logFile }]);
  });

  it("keeps the base environment and lets the MLS_* variables win over inherited ones", async () => {
    const script = await box.writeAgent(
      "base-env",
      `import { writeFileSync } from "node:fs";
       writeFileSync(process.argv[2], JSON.stringify([process.env.SODA_TEST_BASE, process.env.MLS_ISSUE_NUMBER]));`,
    );
    const out = join(box.root, "base-env.json");
    const request = box.request(script, { args: [out] });
    await runAgent({ ...request, env: { ...request.env, MLS_ISSUE_NUMBER: "999" } });
    expect(await box.readJson(out)).toEqual(["from the base environment", "7"]);
  });

  it("hands issue text over verbatim, never through a shell or argv, with hidden text stripped", async () => {
    const script = await box.writeAgent("report", REPORT_ENV);
    const out = join(box.root, "report.json");
    const title = `Fix "it" $(touch pwned-title) \`touch pwned-tick\`; touch pwned-semicolon\u200B<!-- hidden -->`;
    const result = await runAgent(
      box.request(script, {
        args: [out, "$MLS_PROMPT_FILE", "$(touch pwned-arg)"],
        issue: { number: 8, title, url: "https://github.com/acme/widgets/issues/8", body: "$(touch pwned-body)" },
      }),
    );

    expect(result.outcome).toBe("exited");
    const report = await box.readJson<Report>(out);
    expect(report.env.MLS_ISSUE_TITLE).toBe(
      `Fix "it" $(touch pwned-title) \`touch pwned-tick\`; touch pwned-semicolon`,
    );
    expect(report.argv).toEqual(["$MLS_PROMPT_FILE", "$(touch pwned-arg)"]);
    for (const file of ["pwned-title", "pwned-tick", "pwned-semicolon", "pwned-arg", "pwned-body"]) {
      await expect(stat(join(box.worktree, file))).rejects.toMatchObject({ code: "ENOENT" });
    }
  });

  it("never reuses an earlier run's prompt or log file", async () => {
    const script = await box.writeAgent("noop", "");
    const now = () => new Date("2030-01-02T03:04:05.678Z");
    const first = await runAgent(box.request(script, { prompt: "first\n", now }));
    const second = await runAgent(box.request(script, { prompt: "second\n", now }));
    expect(basename(second.promptFile)).toBe("7-2030-01-02T03-04-05-678Z-2.md");
    expect(basename(second.logFile)).toBe("7-2030-01-02T03-04-05-678Z-2.log");
    expect(await readFile(first.promptFile, "utf8")).toBe("first\n");
    expect(await readFile(second.promptFile, "utf8")).toBe("second\n");
  });
});

describe("runAgent: exit and output", () => {
  it("passes exit codes through", async () => {
    const script = await box.writeAgent("exit-3", `console.error("something broke"); process.exit(3);`);
    const result = await runAgent(box.request(script));
    expect(result).toMatchObject({ outcome: "exited", exitCode: 3, signal: null });
    expect(result.outputTail).toContain("something broke");
  });

  it("reports an agent killed by a signal from elsewhere as exited, with the signal", async () => {
    const script = await box.writeAgent("self-signal", `process.kill(process.pid, "SIGUSR2");`);
    const result = await runAgent(box.request(script));
    expect(result).toMatchObject({ outcome: "exited", exitCode: null, signal: "SIGUSR2" });
  });

  it("logs stdout and stderr interleaved under a header, and keeps the last lines as the tail", async () => {
    const script = await box.writeAgent(
      "chatty",
      // Each line waits until the runner has logged the one before: stdout and stderr are two
      // pipes, and on a busy machine a fixed pause does not keep their lines in order.
      `import { readdirSync, readFileSync } from "node:fs";
       const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
       const logs = ${JSON.stringify(join(box.stateDir, "logs"))};
       const logged = async (text) => {
         const deadline = Date.now() + 5000;
         const seen = () => readdirSync(logs).some((file) => readFileSync(logs + "/" + file, "utf8").includes(text));
         while (!seen() && Date.now() < deadline) await wait(5);
       };
       process.stdout.write("to stdout\\n");
       await logged("to stdout\\n");
       process.stderr.write("to stderr\\n");
       await logged("to stderr\\n");
       process.stdout.write("\\u001b[32mgreen\\u001b[0m progress 10%\\rprogress 100%\\n");
       for (let i = 1; i <= 120; i++) process.stdout.write("line " + i + "\\n");
       process.stdout.write(Buffer.from([0xe2, 0x82]));
       await wait(30);
       process.stdout.write(Buffer.from([0xac, 0x0a]));`,
    );
    const result = await runAgent(box.request(script));

    const log = await readFile(result.logFile, "utf8");
    const [header, ...body] = log.split("\n");
    expect(header).toMatch(/^\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\] my-little-soda: running \[/);
    expect(header).toContain(JSON.stringify(script));
    expect(header).toContain(JSON.stringify(box.worktree));
    expect(body.slice(0, 3)).toEqual([
      "to stdout",
      "to stderr",
      "\u001b[32mgreen\u001b[0m progress 10%\rprogress 100%",
    ]);
    expect(log).toContain("line 120\n€\n");
    expect(log).toMatch(/my-little-soda: the agent exited with code 0 after \d+ ms\n$/);

    const tail = result.outputTail.split("\n");
    expect(tail.length).toBeLessThanOrEqual(50);
    expect(tail).toContain("line 120");
    expect(tail).toContain("€");
    expect(tail).not.toContain("line 1");
    expect(tail.at(-1)).toMatch(/the agent exited with code 0/);
    expect(result.outputTail).not.toContain("running ["); // the header is not output
  });

  it("shows a redrawn line as its last state and without colour codes in the tail", async () => {
    const script = await box.writeAgent(
      "progress",
      `process.stdout.write("\\u001b[1mbold\\u001b[0m 10%\\r50%\\r100%\\r\\ndone\\n");`,
    );
    const result = await runAgent(box.request(script));
    expect(result.outputTail.split("\n").slice(0, 2)).toEqual(["100%", "done"]);
  });
});

describe("runAgent: heartbeats", () => {
  it("calls the heartbeat repeatedly while the agent runs, and never after", async () => {
    const script = await box.writeAgent("busy", `setTimeout(() => {}, 400);`);
    let beats = 0;
    const result = await runAgent(box.request(script, { heartbeatIntervalMs: 30, onHeartbeat: () => void beats++ }));
    expect(result).toMatchObject({ outcome: "exited", exitCode: 0, heartbeatErrors: [] });
    expect(beats).toBeGreaterThanOrEqual(4);
    const atEnd = beats;
    await sleep(120);
    expect(beats).toBe(atEnd);
  });

  it("records a failing heartbeat (thrown or rejected) without stopping the agent", async () => {
    const script = await box.writeAgent("busy", `setTimeout(() => {}, 400);`);
    let beats = 0;
    const result = await runAgent(
      box.request(script, {
        heartbeatIntervalMs: 30,
        onHeartbeat: () => {
          beats++;
          if (beats === 2) throw new Error("claim lost: lease taken over by agent002");
          if (beats === 3) return Promise.reject(new Error("GitHub unavailable"));
          return undefined;
        },
      }),
    );
    expect(result).toMatchObject({ outcome: "exited", exitCode: 0 });
    expect(result.heartbeatErrors).toEqual(["claim lost: lease taken over by agent002", "GitHub unavailable"]);
    expect(beats).toBeGreaterThanOrEqual(4);
    expect(await readFile(result.logFile, "utf8")).toContain(
      "heartbeat failed: claim lost: lease taken over by agent002",
    );
    expect(result.outputTail).not.toContain("heartbeat failed"); // the tail is for the agent's output
  });
});

describe("runAgent: an agent that cannot start", () => {
  it("reports a missing executable as spawn-failed, in the tail and the log", async () => {
    const result = await runAgent(box.request("unused", { argv: [join(box.root, "no-such-agent"), "-p", "x"] }));
    expect(result).toMatchObject({ outcome: "spawn-failed", exitCode: null, signal: null });
    expect(result.outputTail).toContain(`${join(box.root, "no-such-agent")} does not exist`);
    expect(await readFile(result.logFile, "utf8")).toContain("does not exist (check [autonomous] agent_command)");
    expect(await readFile(result.promptFile, "utf8")).toBe("Do the thing.\n");
  });

  it("names a command missing from PATH, a file that is not executable, a missing worktree and an empty command", async () => {
    const notOnPath = await runAgent(box.request("unused", { argv: ["mls-no-such-agent-4f1c"] }));
    expect(notOnPath.outputTail).toContain('"mls-no-such-agent-4f1c" was not found on PATH');

    const script = await box.writeAgent("not-executable", "");
    await chmod(script, 0o644);
    const notExecutable = await runAgent(box.request("unused", { argv: [script] }));
    expect(notExecutable.outputTail).toContain("is not executable");

    const noWorktree = await runAgent(box.request("unused", { argv: [process.execPath], cwd: join(box.root, "gone") }));
    expect(noWorktree.outputTail).toContain(`working directory ${join(box.root, "gone")} does not exist`);

    const empty = await runAgent(box.request("unused", { argv: [] }));
    expect(empty.outputTail).toContain("no agent command is configured");

    for (const result of [notOnPath, notExecutable, noWorktree, empty]) expect(result.outcome).toBe("spawn-failed");
    expect(dirname(empty.logFile)).toBe(join(box.stateDir, "logs"));
  });

  it("rejects nonsensical limits before doing anything", async () => {
    await expect(runAgent(box.request("unused", { timeoutMs: 0 }))).rejects.toThrow(RangeError);
    await expect(runAgent(box.request("unused", { killGraceMs: Number.NaN }))).rejects.toThrow(/killGraceMs/);
  });
});
