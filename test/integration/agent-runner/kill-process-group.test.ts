import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { isProcessGroupAlive, killProcessGroup } from "../../../src/autonomous/agent/run-agent.js";
import { isPidGone, waitFor } from "./agent-sandbox.js";

/** A process group left behind, as by a loop killed with `kill -9`: a detached node script. */
async function startGroup(source: string): Promise<number> {
  const child = spawn(process.execPath, ["-e", source], { detached: true, stdio: ["ignore", "pipe", "ignore"] });
  await once(child.stdout, "data"); // the script prints once its signal handlers are in place
  child.stdout.destroy();
  if (child.pid === undefined) throw new Error("no pid");
  return child.pid;
}

describe("killProcessGroup", () => {
  it("answers not-running for a group that has already gone", async () => {
    const child = spawn(process.execPath, ["-e", ""], { detached: true, stdio: "ignore" });
    await once(child, "exit");
    const pgid = child.pid ?? 0;
    expect(isProcessGroupAlive(pgid)).toBe(false);
    expect(await killProcessGroup(pgid, 100)).toBe("not-running");
  });

  it("terminates a running group with SIGTERM", async () => {
    const pgid = await startGroup(`console.log("ready"); setInterval(() => {}, 1000);`);
    expect(isProcessGroupAlive(pgid)).toBe(true);
    expect(await killProcessGroup(pgid, 1_000)).toBe("terminated");
    expect(isProcessGroupAlive(pgid)).toBe(false);
    expect(isPidGone(pgid)).toBe(true);
  });

  it("kills a group that ignores SIGTERM after the grace period", async () => {
    const pgid = await startGroup(
      `process.on("SIGTERM", () => {}); console.log("ready"); setInterval(() => {}, 1000);`,
    );
    const started = performance.now();
    expect(await killProcessGroup(pgid, 200)).toBe("killed");
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(isProcessGroupAlive(pgid)).toBe(false);
  });

  // Where PID 1 does not reap orphans (a container without an init), a killed group can stay
  // behind as zombies, which kill(-pgid, 0) still finds.
  it.runIf(process.platform === "linux")("counts a group of zombies as gone", async () => {
    // The `setsid` child leads a group of its own and exits; its parent execs into a process that
    // never reaps it, so it stays a zombie while the parent lives. The child exits only once its
    // parent is `sleep`: had it exited first, the shell could reap it before the exec (seen under
    // load: kill ESRCH).
    const child = `while read -r name < /proc/$PPID/comm && [ "$name" != sleep ]; do :; done`;
    const parent = spawn("sh", ["-c", `setsid sh -c '${child}' & echo $!; exec sleep 5`], {
      stdio: ["ignore", "pipe", "ignore"],
    });
    try {
      const [data] = (await once(parent.stdout, "data")) as [Buffer];
      const pgid = Number(data.toString().trim());
      await waitFor(() => isPidGone(pgid));
      expect(() => process.kill(-pgid, 0)).not.toThrow();
      expect(isProcessGroupAlive(pgid)).toBe(false);
      expect(await killProcessGroup(pgid, 100)).toBe("not-running");
    } finally {
      parent.kill("SIGKILL");
    }
  });

  it("refuses ids that would signal this process or every process", async () => {
    for (const pgid of [0, 1, -5, 2.5, Number.NaN]) {
      await expect(killProcessGroup(pgid, 0)).rejects.toThrow(RangeError);
      expect(() => isProcessGroupAlive(pgid)).toThrow(RangeError);
    }
    await expect(killProcessGroup(process.pid, 0)).rejects.toThrow(/own group/);
  });
});
