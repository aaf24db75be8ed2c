import type { World } from "./e2e-world.js";
import type { CliResult } from "./run-cli.js";

export interface RaceOutcome {
  results: Array<CliResult & { agent: string }>;
  /** Issue number → the agents whose label it carries. */
  labelled: Map<number, string[]>;
  claimRefs: number[];
  /** Requests the fake GitHub saw from the racing pops, from the first start to the last exit. */
  requests: number;
}

/**
 * Start `processes` pops at once, each as its own agent in its own clone, against a queue of
 * `issues` ready issues, and report who got what. Shared by the race test and `npm run race`.
 */
export async function runPopRace(
  world: World,
  options: { processes: number; issues: number; round: number },
): Promise<RaceOutcome> {
  const numbers = world.repo.addIssues(options.issues, { labels: ["route:ready"] }).map((issue) => issue.number);
  const agents = Array.from({ length: options.processes }, (_, i) => `agent${String(100 + i)}`);
  const clones = await Promise.all(
    agents.map((agent) =>
      world.sandbox.clone(world.origin, `race-${options.round}-${agent}`, {
        remoteUrl: "https://github.com/acme/widgets.git",
      }),
    ),
  );
  const before = world.server.requests.length;
  const results = await Promise.all(
    agents.map(async (agent, i) => ({
      agent,
      ...(await world.cli(["--agent", agent, "pop", "--json"], { cwd: clones[i] })),
    })),
  );
  const requests = world.server.requests.length - before;
  const labelled = new Map<number, string[]>();
  for (const number of numbers) {
    labelled.set(
      number,
      world.repo.issue(number).labels.filter((label) => /^agent\d+$/.test(label)),
    );
  }
  const refs = (await world.api("GET", "/repos/acme/widgets/git/matching-refs/my-little-soda/claims/")).data as Array<{
    ref: string;
  }>;
  return {
    results,
    labelled,
    claimRefs: refs.map((ref) => Number(ref.ref.split("/").pop())).sort((a, b) => a - b),
    requests,
  };
}
