import { seedDemo } from "../../demo/seed-demo.js";
import { ExitCode } from "../../errors/index.js";
import type { Io } from "../io.js";
import type { CommandContext, DemoOptions } from "../program.js";

/** The scripted session the demo runs, in order; each step is a real CLI invocation. */
const STEPS: ReadonlyArray<{ say: string; argv: string[] }> = [
  { say: "Set up the repository: labels, config file, .my-little-soda/", argv: ["init"] },
  { say: "Running it again changes nothing", argv: ["init", "--quiet"] },
  { say: "What would an agent take next?", argv: ["peek"] },
  { say: "The first three in queue order", argv: ["peek", "-n", "3"] },
  { say: "The same, for scripts", argv: ["peek", "--json"] },
  { say: "The whole picture", argv: ["status"] },
];

/**
 * `my-little-soda demo`: a local GitHub server, a seeded repository and a clone, and the
 * commands run against them exactly as a user would type them — no token, no network.
 */
export async function runDemo(options: DemoOptions, { io, out }: CommandContext): Promise<number> {
  const { run } = await import("../main.js");
  out.line(out.color.bold("🥤 my-little-soda demo"));
  out.info("Starting a local GitHub server with a seeded repository (no token, no network needed)…");
  const world = await seedDemo();
  out.info(out.color.dim(`   API ${world.server.url}, clone at ${world.clone}`));
  let failed = 0;
  try {
    for (const step of STEPS) {
      out.line("");
      out.line(out.color.cyan(`# ${step.say}`));
      out.line(out.color.bold(`$ my-little-soda ${step.argv.join(" ")}`));
      const stepIo: Io = { stdout: io.stdout, stderr: io.stderr, env: world.env, cwd: world.clone };
      const code = await run(step.argv, stepIo);
      if (code !== ExitCode.ok) {
        failed += 1;
        out.line(out.color.red(`(exit ${code})`));
      }
    }
    out.line("");
    out.line(`🥤 Demo finished: ${STEPS.length - failed}/${STEPS.length} commands succeeded; ${world.server.requests.length} requests served by the local GitHub.`);
    if (options.keep) out.line(`   Kept the repository at ${world.clone}`);
  } finally {
    await world.close(options.keep);
  }
  return failed === 0 ? ExitCode.ok : ExitCode.internal;
}
