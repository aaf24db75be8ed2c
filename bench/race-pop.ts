/**
 * `npm run race [-- ROUNDS [PROCESSES ISSUES]]`: the concurrent-pop race of the test suite,
 * many more times. Each round starts PROCESSES pops at once, each as its own agent in its own
 * clone, against ISSUES ready issues on the local fake GitHub, and checks that every issue
 * was claimed by exactly one agent. Exits 1 on the first violation.
 */
import { createWorld } from "../test/support/e2e-world.js";
import { runPopRace } from "../test/support/pop-race.js";

const [rounds = 25, processes = 8, issues = 5] = process.argv.slice(2).map(Number);
let violations = 0;
const started = Date.now();
for (let round = 1; round <= rounds; round++) {
  const world = await createWorld({ http: "production" });
  try {
    const outcome = await runPopRace(world, { processes, issues, round });
    const winners = outcome.results.filter((result) => result.code === 0).length;
    const doubled = [...outcome.labelled].filter(([, agents]) => agents.length !== 1);
    const badExits = outcome.results.filter((result) => result.code !== 0 && result.code !== 6);
    const ok =
      doubled.length === 0 &&
      badExits.length === 0 &&
      winners === Math.min(processes, issues) &&
      outcome.claimRefs.length === winners;
    if (!ok) violations++;
    console.log(
      `round ${String(round).padStart(3)}: ${winners} claimed, ${processes - winners} exit 6` +
        (ok
          ? "  ok"
          : `  VIOLATION ${JSON.stringify({ doubled, badExits: badExits.map((r) => [r.agent, r.code, r.stderr]) })}`),
    );
  } finally {
    await world.close();
  }
}
console.log(
  `\n${rounds - violations} passed, ${violations} failed (${rounds} rounds of ${processes} concurrent pops on ${issues} issues, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
process.exitCode = violations === 0 ? 0 : 1;
