import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { FakePull } from "../fake-github/index.js";
import { createScriptedAgent, type AgentMode, type ScriptedAgent } from "./scripted-agent.js";
import type { DemoWorld } from "./seed-demo.js";

/**
 * The autonomous part of `my-little-soda demo`: a scripted coding agent (a small Node script
 * that commits one file per run) plugged into the clone's config, and a plain look at what
 * GitHub holds once the loop is done.
 */

/** The demo's scripted agent, kept in the sandbox next to the clone (never inside it). */
export function demoAgent(world: DemoWorld): Promise<ScriptedAgent> {
  return createScriptedAgent(path.join(world.sandbox.root, "agent"));
}

/**
 * Write `[autonomous] agent_command` into the clone's my-little-soda.toml (in place of the
 * commented-out example `init` wrote) and return the section as it now reads.
 */
export async function configureDemoAgent(world: DemoWorld): Promise<string> {
  const agent = await demoAgent(world);
  const file = path.join(world.clone, "my-little-soda.toml");
  const line = `agent_command = [${agent.argv.map((arg) => JSON.stringify(arg)).join(", ")}]`;
  let toml = await readFile(file, "utf8");
  toml = /^# agent_command = .*$/m.test(toml)
    ? toml.replace(/^# agent_command = .*$/m, line)
    : toml.replace("[autonomous]\n", `[autonomous]\n${line}\n`);
  await writeFile(file, toml);
  const section = toml.slice(toml.indexOf("[autonomous]"));
  return section.split("\n").slice(0, 3).join("\n") + "\n…";
}

/** Queue what the scripted agent's next runs on an issue do. */
export async function scriptAgent(world: DemoWorld, issue: number, ...modes: AgentMode[]): Promise<void> {
  await (await demoAgent(world)).behave(issue, ...modes);
}

/**
 * Every issue as GitHub holds it now — state, labels, assignees, the pull request that closes
 * it (and, once merged, whether its branch is gone) — and the claim refs left on the server
 * (there should be none).
 */
export async function describeRepository(world: DemoWorld): Promise<string> {
  const repo = world.server.repo(world.owner, world.repo);
  const pulls = repo.pulls();
  const branches = new Set(await refsOnOrigin(world, "refs/heads/"));
  const stateOf = (pull: FakePull): string =>
    pull.merged ? `merged, branch ${branches.has(pull.headRef) ? `${pull.headRef} kept` : "deleted"}` : pull.state;
  const lines: string[] = [];
  for (const issue of repo.issues().filter((candidate) => !candidate.isPullRequest)) {
    const closes = new RegExp(`^Closes #${issue.number}$`, "m");
    const pull = pulls.find((candidate) => closes.test(candidate.body ?? ""));
    const labels = issue.labels.length > 0 ? issue.labels.join(", ") : "no labels";
    const assignees =
      issue.assignees.length > 0 ? issue.assignees.map((login) => `@${login}`).join(", ") : "unassigned";
    const delivered = pull ? `PR #${pull.number} (${stateOf(pull)})` : "no PR";
    const comments = issue.comments.length === 1 ? "1 comment" : `${issue.comments.length} comments`;
    lines.push(
      `   #${issue.number} ${issue.title}: ${issue.state}; ${labels}; ${assignees}; ${delivered}; ${comments}`,
    );
  }
  const refs = (await refsOnOrigin(world, "refs/my-little-soda/")).map((ref) => `refs/my-little-soda/${ref}`);
  lines.push(`   Claim refs on GitHub (refs/my-little-soda/claims/*): ${refs.length > 0 ? refs.join(", ") : "none"}`);
  return lines.join("\n");
}

/** The refs under `prefix` in the server's repository, without the prefix. */
async function refsOnOrigin(world: DemoWorld, prefix: string): Promise<string[]> {
  const { bareRepoPath } = world.server.repo(world.owner, world.repo);
  const listed = await world.sandbox.git(bareRepoPath, ["for-each-ref", "--format=%(refname)", prefix]);
  return listed
    .split("\n")
    .filter((ref) => ref.trim() !== "")
    .map((ref) => ref.slice(prefix.length));
}
