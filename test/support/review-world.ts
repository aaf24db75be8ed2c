import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ScriptedAgent } from "../../src/demo/scripted-agent.js";
import { initialiseRepository, OWNER, REPO, type World } from "./e2e-world.js";
import { configureLoop, type LoopSetup } from "./loop-world.js";

export interface Delivered {
  agent: ScriptedAgent;
  issue: number;
  pr: number;
  branch: string;
  head: string;
}

/**
 * An initialised repository, a scripted agent in the loop, and one issue delivered by
 * `spawn --once` as a pull request in `route:review`: where every review-phase scenario starts.
 */
export async function deliverOneIssue(
  world: World,
  options: { title?: string; loop?: LoopSetup; review?: Record<string, string | number | boolean> } = {},
): Promise<Delivered> {
  await initialiseRepository(world);
  const agent = await configureLoop(world, options.loop);
  if (options.review) await setReview(world, options.review);
  const issue = world.repo.addIssue({ title: options.title ?? "Add the widget", labels: ["route:ready"] }).number;
  const spawn = await world.cli(["spawn", "--autonomous", "--once"]);
  if (spawn.code !== 0) throw new Error(`delivery failed (${spawn.code}): ${spawn.stderr}\n${spawn.stdout}`);
  const pull = world.repo.pulls().find((candidate) => candidate.headRef.startsWith(`agent001/${issue}-`));
  if (!pull) throw new Error(`no pull request for #${issue}`);
  return { agent, issue, pr: pull.number, branch: pull.headRef, head: await headOf(world, pull.headRef) };
}

/** Set keys of `[review]` in the clone's my-little-soda.toml. */
export async function setReview(world: World, values: Record<string, string | number | boolean>): Promise<void> {
  const file = path.join(world.clone, "my-little-soda.toml");
  let toml = await readFile(file, "utf8");
  for (const [key, value] of Object.entries(values)) {
    const line = `${key} = ${JSON.stringify(value)}`;
    const existing = new RegExp(`^${key} = .*$`, "m");
    toml = existing.test(toml) ? toml.replace(existing, line) : toml.replace("[review]\n", `[review]\n${line}\n`);
  }
  await writeFile(file, toml);
}

/** The commit a branch points at on the origin. */
export async function headOf(world: World, branch: string): Promise<string> {
  return (await world.sandbox.git(world.origin, ["rev-parse", `refs/heads/${branch}`])).trim();
}

/** A GitHub Actions run on `sha` with one job, as CI would report it. */
export async function reportCi(
  world: World,
  sha: string,
  outcome: "success" | "failure" | "in_progress",
  log = outcome === "failure" ? "FAIL test/widget.test.ts\n  expected 2, received 3\n" : "all tests passed\n",
): Promise<void> {
  await world.repo.addWorkflowRun({
    name: "CI",
    ref: sha,
    jobs: [
      outcome === "in_progress"
        ? { name: "test", status: "in_progress" }
        : { name: "test", status: "completed", conclusion: outcome, log },
    ],
  });
}

/** A person with write access labels the pull request (through the API, so the event names them). */
export async function labelAsOwner(world: World, number: number, label: string): Promise<void> {
  const answer = await world.api("POST", `/repos/${OWNER}/${REPO}/issues/${number}/labels`, { labels: [label] });
  if (answer.status !== 200) throw new Error(`could not label #${number}: ${JSON.stringify(answer.data)}`);
}

/** Comments on the pull request written by the loop's user. */
export function loopComments(world: World, number: number, login = "alice"): string[] {
  return world.repo
    .issue(number)
    .comments.filter((comment) => comment.author === login)
    .map((comment) => comment.body);
}
