import { describe, it } from "vitest";
import { withWorld } from "../support/e2e-world.js";
import { claimsConsistent, FAULT_EXIT_CODES, FAULT_KINDS, MATRIX_TIMEOUT_MS } from "../support/fault-matrix.js";

// Each fault kind has its own world, so the kinds run at the same time: most of a run is spent
// waiting on the CLI's child processes.
describe.concurrent("pop under faults at every request", () => {
  it.for(FAULT_KINDS)(
    "$name: succeeds or fails cleanly, and a plain re-run completes the claim",
    { timeout: MATRIX_TIMEOUT_MS },
    ({ fault }, { expect }) =>
      withWorld(async (world) => {
        // A clean run tells how many requests pop makes.
        world.repo.addIssue({ title: "warm-up", labels: ["route:ready"] });
        world.server.clearRequestLog();
        expect((await world.cli(["--agent", "agent900", "pop", "--worktree"])).code).toBe(0);
        const requests = world.server.requests.length;
        expect(requests).toBeGreaterThanOrEqual(6);

        for (let at = 0; at < requests; at++) {
          const agent = `agent${700 + at}`;
          const issue = world.repo.addIssue({ title: `fault at request ${at}`, labels: ["route:ready"] });
          world.server.injectFault({ times: 1, ...fault, skip: at });
          const first = await world.cli(["--agent", agent, "pop", "--worktree"]);
          world.server.clearFaults();
          expect(FAULT_EXIT_CODES, `request ${at}: ${first.stderr}`).toContain(first.code);
          if (first.code !== 0) {
            expect(first.stderr).toMatch(/^error: .*\nhint: /);
            const rerun = await world.cli(["--agent", agent, "pop", "--worktree"]);
            expect(rerun.code, `re-run after a fault at request ${at}: ${rerun.stderr}`).toBe(0);
          }
          expect(world.repo.issue(issue.number).labels, `request ${at}`).toEqual([agent]);
          expect(await claimsConsistent(world), `request ${at}`).toEqual([]);
        }
      }),
  );
});
