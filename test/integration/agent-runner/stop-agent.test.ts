import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isProcessGroupAlive, runAgent } from "../../../src/autonomous/agent/run-agent.js";
import { createAgentSandbox, grandchildStarter, isPidGone, waitFor } from "./agent-sandbox.js";
import type { AgentSandbox } from "./agent-sandbox.js";

let box: AgentSandbox;
beforeEach(async () => {
  box = await createAgentSandbox();
});
afterEach(async () => {
  await box.cleanup();
});

const SLEEP_FOREVER = "setInterval(() => {}, 1000);";

async function readPid(file: string): Promise<number> {
  return Number(await readFile(file, "utf8"));
}

describe("runAgent: stopping the agent's process group", () => {
  it("stops a sleeping agent and the grandchild it started at the wall-clock timeout", async () => {
    const script = await box.writeAgent(
      "sleeper",
      grandchildStarter({ grandchildIgnoresTerm: false, then: SLEEP_FOREVER }),
    );
    const pidFile = join(box.root, "grandchild.pid");
    let pgid = 0;
    const result = await runAgent(
      box.request(script, {
        args: [pidFile],
        timeoutMs: 600,
        killGraceMs: 300,
        onStart: (info) => void (pgid = info.pgid),
      }),
    );

    expect(result).toMatchObject({ outcome: "timeout", exitCode: null, signal: "SIGTERM" });
    expect(result.durationMs).toBeGreaterThanOrEqual(600);
    expect(result.durationMs).toBeLessThan(3_000);
    const grandchild = await readPid(pidFile);
    expect(isPidGone(grandchild)).toBe(true);
    expect(isProcessGroupAlive(pgid)).toBe(false);
    expect(result.outputTail).toContain("grandchild ready\nready\n");
    expect(result.outputTail).toContain("wall-clock timeout of 600 ms reached; stopping the agent's process group");
  });

  it("SIGKILLs an agent that ignores SIGTERM once the grace period is over", async () => {
    const script = await box.writeAgent(
      "stubborn",
      `process.on("SIGTERM", () => console.log("ignoring SIGTERM")); console.log("ready"); ${SLEEP_FOREVER}`,
    );
    const result = await runAgent(box.request(script, { timeoutMs: 500, killGraceMs: 300 }));

    expect(result).toMatchObject({ outcome: "timeout", exitCode: null, signal: "SIGKILL" });
    expect(result.durationMs).toBeGreaterThanOrEqual(800);
    expect(result.outputTail).toContain("ignoring SIGTERM");
    expect(result.outputTail).toMatch(/still running 300 ms after SIGTERM; sent SIGKILL/);
  });

  it("stops an agent that goes quiet at the idle timeout", async () => {
    const script = await box.writeAgent("quiet", `console.log("thinking…"); ${SLEEP_FOREVER}`);
    const result = await runAgent(box.request(script, { idleTimeoutMs: 400, killGraceMs: 300 }));

    expect(result).toMatchObject({ outcome: "idle-timeout", exitCode: null, signal: "SIGTERM" });
    expect(result.durationMs).toBeGreaterThanOrEqual(400);
    expect(result.outputTail).toContain("no output for 400 ms");
  });

  it("lets an agent that keeps printing run past the idle timeout", async () => {
    const script = await box.writeAgent(
      "talker",
      `let n = 0;
       console.log("tick 0");
       const timer = setInterval(() => { console.log("tick " + ++n); if (n === 20) clearInterval(timer); }, 50);`,
    );
    const result = await runAgent(box.request(script, { idleTimeoutMs: 400 }));

    expect(result).toMatchObject({ outcome: "exited", exitCode: 0 });
    expect(result.durationMs).toBeGreaterThanOrEqual(1_000);
    expect(result.outputTail).toContain("tick 20");
  });

  it("stops the agent when the signal aborts (shutdown)", async () => {
    const script = await box.writeAgent("sleeper", `console.log("ready"); ${SLEEP_FOREVER}`);
    const controller = new AbortController();
    const result = await runAgent(
      box.request(script, {
        killGraceMs: 300,
        signal: controller.signal,
        onStart: () => void setTimeout(() => controller.abort(), 150),
      }),
    );

    expect(result).toMatchObject({ outcome: "aborted", exitCode: null, signal: "SIGTERM" });
    expect(result.outputTail).toContain("shutdown requested; stopping the agent's process group");
  });

  it("does not start the agent when the signal has already aborted", async () => {
    const script = await box.writeAgent(
      "never",
      `import { writeFileSync } from "node:fs"; writeFileSync(process.argv[2], "ran");`,
    );
    const marker = join(box.root, "ran");
    let started = false;
    const result = await runAgent(
      box.request(script, { args: [marker], signal: AbortSignal.abort(), onStart: () => void (started = true) }),
    );

    expect(result).toMatchObject({ outcome: "aborted", exitCode: null, signal: null });
    expect(started).toBe(false);
    await expect(readFile(marker)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("stops processes the agent left running when it exited, even one that ignores SIGTERM", async () => {
    const script = await box.writeAgent(
      "leaver",
      grandchildStarter({ grandchildIgnoresTerm: true, then: "process.exit(0);" }),
    );
    const pidFile = join(box.root, "grandchild.pid");
    let pgid = 0;
    const result = await runAgent(
      box.request(script, { args: [pidFile], killGraceMs: 200, onStart: (info) => void (pgid = info.pgid) }),
    );

    expect(result).toMatchObject({ outcome: "exited", exitCode: 0, signal: null });
    expect(isPidGone(await readPid(pidFile))).toBe(true);
    expect(isProcessGroupAlive(pgid)).toBe(false);
    expect(result.outputTail).toContain("the agent left processes running in its group");
    expect(result.outputTail).toMatch(/still running 200 ms after SIGTERM; sent SIGKILL/);
  });

  it("stops the agent and rejects when onStart fails (the pid could not be checkpointed)", async () => {
    const script = await box.writeAgent("sleeper", `console.log("ready"); ${SLEEP_FOREVER}`);
    let pgid = 0;
    await expect(
      runAgent(
        box.request(script, {
          killGraceMs: 300,
          onStart: (info) => {
            pgid = info.pgid;
            throw new Error("database is locked");
          },
        }),
      ),
    ).rejects.toThrow("database is locked");
    expect(pgid).toBeGreaterThan(1);
    await waitFor(() => !isProcessGroupAlive(pgid), 100);
  });
});
