import { describe, it, type ExpectStatic } from "vitest";
import { withWorld, type World } from "../support/e2e-world.js";
import { claimsConsistent, FAULT_EXIT_CODES, FAULT_KINDS, MATRIX_TIMEOUT_MS } from "../support/fault-matrix.js";

async function claimWithWork(
  world: World,
  expect: ExpectStatic,
  agent: string,
  title: string,
): Promise<{ number: number; branch: string }> {
  const issue = world.repo.addIssue({ title, labels: ["route:ready"] });
  const popped = await world.cli(["--agent", agent, "pop", "--json"]);
  expect(popped.code, popped.stderr).toBe(0);
  await world.sandbox.commitFile(world.clone, `${agent}.txt`, `${title}\n`, `Work for ${title}`);
  return { number: issue.number, branch: JSON.parse(popped.stdout).claimed.branch };
}

// Each fault kind has its own world, so the kinds run at the same time: most of a run is spent
// waiting on the CLI's child processes.
describe.concurrent("bottle under faults at every request", () => {
  it.for(FAULT_KINDS)(
    "$name: succeeds or fails cleanly; a re-run completes; never two PRs",
    { timeout: MATRIX_TIMEOUT_MS },
    ({ fault }, { expect }) =>
      withWorld(async (world) => {
        expect((await world.cli(["init", "--quiet"])).code).toBe(0);
        await world.sandbox.git(world.clone, ["add", "-A"]);
        await world.sandbox.git(world.clone, ["commit", "-qm", "init"]);
        await claimWithWork(world, expect, "agent900", "warm-up");
        world.server.clearRequestLog();
        expect((await world.cli(["--agent", "agent900", "bottle"])).code).toBe(0);
        const requests = world.server.requests.length;
        expect(requests).toBeGreaterThanOrEqual(6);

        for (let at = 0; at < requests; at++) {
          const agent = `agent${700 + at}`;
          const { number, branch } = await claimWithWork(world, expect, agent, `fault at request ${at}`);
          world.server.injectFault({ times: 1, ...fault, skip: at });
          const first = await world.cli(["--agent", agent, "bottle"]);
          world.server.clearFaults();
          expect(FAULT_EXIT_CODES, `request ${at}: ${first.stderr}`).toContain(first.code);
          if (first.code !== 0) {
            expect(first.stderr).toMatch(/^error: .*\nhint: /);
            const rerun = await world.cli(["--agent", agent, "bottle", "--issue", String(number)]);
            expect(rerun.code, `re-run after a fault at request ${at}: ${rerun.stderr}`).toBe(0);
            if ((await world.sandbox.git(world.clone, ["branch", "--show-current"])) !== "main") {
              await world.sandbox.git(world.clone, ["checkout", "-q", "main"]);
            }
          }
          const pulls = world.repo.pulls().filter((pull) => pull.headRef === branch);
          expect(pulls, `request ${at}`).toHaveLength(1);
          expect(pulls[0]?.labels).toEqual(["route:review"]);
          expect(world.repo.issue(number).labels, `request ${at}`).toEqual(["route:review"]);
          expect(await claimsConsistent(world), `request ${at}`).toEqual([]);
        }
      }),
  );
});
