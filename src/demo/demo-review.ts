import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { FakePull } from "../fake-github/index.js";
import { DEMO_REVIEWER, DEMO_REVIEWER_TOKEN, DEMO_USER, type DemoWorld } from "./seed-demo.js";

/**
 * The review phase of `my-little-soda demo`: what CI and a reviewer do on GitHub around one of
 * the loop's pull requests (through the fake server, as they would on github.com), and a look at
 * what the loop did about it. The loop's own commands are run by the demo itself.
 */

/** The issue whose pull request the demo takes through CI, rework, review and landing. */
export const REVIEWED_ISSUE = 2;

/** A failing `npm test` as the GitHub Actions job log shows it (the fake adds the timestamps). */
const FAILING_LOG = [
  "##[group]Run npm test",
  "##[endgroup]",
  "> node --test",
  "✖ the fizz counter counts past 255 bubbles (0.9ms)",
  "  AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:",
  "  256 !== 0",
  "      at TestContext.<anonymous> (test/fizz-counter.test.js:12:10)",
  "ℹ tests 14 · pass 13 · fail 1",
  "##[error]Process completed with exit code 1.",
];

/** The pull request the loop opened for `issue` (its branch is `<agent>/<issue>-…`). */
export function pullOf(world: DemoWorld, issue = REVIEWED_ISSUE): FakePull {
  const repo = world.server.repo(world.owner, world.repo);
  const pull = repo.pulls().find((candidate) => /^[^/]+\/(\d+)-/.exec(candidate.headRef)?.[1] === String(issue));
  if (!pull) throw new Error(`the demo found no pull request for #${issue}`);
  return pull;
}

/** GitHub Actions reports a failing `CI › test` job on the pull request's head, with a log as Actions writes it. */
export async function failCi(world: DemoWorld): Promise<string> {
  const pull = pullOf(world);
  await world.server.repo(world.owner, world.repo).addWorkflowRun({
    name: "CI",
    ref: pull.headSha,
    jobs: [{ name: "test", status: "completed", conclusion: "failure", log: `${FAILING_LOG.join("\n")}\n` }],
  });
  const shown = FAILING_LOG.filter((line) => line.startsWith("✖") || line.startsWith("##[error]"));
  return `❌ CI › test: failure on ${pull.headSha.slice(0, 7)}, the head of PR #${pull.number}\n${indent(shown)}`;
}

/** The failing-CI part of the rework prompt the agent got for the pull request's issue (its latest prompt file). */
export async function showReworkPrompt(world: DemoWorld): Promise<string> {
  const dir = path.join(world.clone, ".my-little-soda", "prompts");
  const latest = (await readdir(dir))
    .filter((name) => name.startsWith(`${REVIEWED_ISSUE}-`))
    .sort()
    .at(-1);
  if (!latest) throw new Error(`the demo found no prompt for #${REVIEWED_ISSUE} in ${dir}`);
  const prompt = (await readFile(path.join(dir, latest), "utf8")).split("\n");
  const from = prompt.findIndex((line) => line.startsWith("### CI failed"));
  const to = prompt.findIndex((line, n) => n > from && line.startsWith("## "));
  if (from < 0 || to < 0) throw new Error(`the rework prompt ${latest} has no "### CI failed" section`);
  const opening = prompt.slice(0, 2);
  const ciPart = prompt.slice(from, to).filter((line) => line !== "");
  return `.my-little-soda/prompts/${latest}:\n${indent([...opening, "…", ...ciPart, "…"])}`;
}

/** The comments the loop (as the demo's user) left on the pull request. */
export function loopComments(world: DemoWorld): string[] {
  return pullOf(world)
    .comments.filter((comment) => comment.author === DEMO_USER)
    .map((comment) => comment.body);
}

/** What the loop said on the pull request, as its conversation shows it. */
export function showReworkComment(world: DemoWorld): string {
  const pull = pullOf(world);
  const said = loopComments(world).map(
    (body) => `@${DEMO_USER} on PR #${pull.number}:\n${indent(body.trimEnd().split("\n"))}`,
  );
  return said.join("\n\n") || `no comment by @${DEMO_USER} on PR #${pull.number}`;
}

/** After the rework round: the pull request still open, in review, with exactly one comment from the loop. */
export function checkReworked(world: DemoWorld): string | undefined {
  const pull = pullOf(world);
  const comments = loopComments(world);
  if (pull.state !== "open" || !pull.labels.includes("route:review"))
    return `PR #${pull.number} should still be open in route:review`;
  if (comments.length !== 1 || !comments[0]?.includes("reworked this pull request"))
    return `PR #${pull.number} should have one rework comment, has ${comments.length}`;
  return undefined;
}

/** After landing: the pull request merged, its issue closed, its branch gone from GitHub and the clone. */
export async function checkLanded(world: DemoWorld): Promise<string | undefined> {
  const pull = pullOf(world);
  const issue = world.server.repo(world.owner, world.repo).issue(REVIEWED_ISSUE);
  if (!pull.merged) return `PR #${pull.number} should be merged`;
  if (issue.state !== "closed") return `#${REVIEWED_ISSUE} should be closed by PR #${pull.number}`;
  const { bareRepoPath } = world.server.repo(world.owner, world.repo);
  for (const repo of [bareRepoPath, world.clone]) {
    if ((await world.sandbox.git(repo, ["branch", "--list", pull.headRef])) !== "")
      return `the branch ${pull.headRef} should be deleted in ${repo}`;
  }
  return undefined;
}

/**
 * CI passes on the reworked head; the reviewer (write access) approves it and adds
 * `route:ready_to_merge` through the API with their own token, so the label's event names them.
 */
export async function passCiAndApprove(world: DemoWorld): Promise<string> {
  const repo = world.server.repo(world.owner, world.repo);
  const pull = pullOf(world);
  const head = pull.headSha.slice(0, 7);
  await repo.addWorkflowRun({
    name: "CI",
    ref: pull.headSha,
    jobs: [{ name: "test", status: "completed", conclusion: "success", log: "ℹ tests 15\nℹ pass 15\nℹ fail 0\n" }],
  });
  await repo.addReview(pull.number, {
    author: DEMO_REVIEWER,
    state: "APPROVED",
    body: "Thanks, the overflow is covered now.",
  });
  const response = await fetch(`${world.server.url}/repos/${world.owner}/${world.repo}/issues/${pull.number}/labels`, {
    method: "POST",
    headers: { authorization: `token ${DEMO_REVIEWER_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ labels: ["route:ready_to_merge"] }),
  });
  if (!response.ok) throw new Error(`@${DEMO_REVIEWER} could not label PR #${pull.number}: HTTP ${response.status}`);
  return [
    `✅ CI › test passed on ${head}`,
    `✅ @${DEMO_REVIEWER} approved PR #${pull.number} at ${head}: “Thanks, the overflow is covered now.”`,
    `🏷️  @${DEMO_REVIEWER} added route:ready_to_merge`,
  ].join("\n");
}

function indent(lines: readonly string[]): string {
  return lines.map((line) => (line === "" ? "" : `   ${line}`)).join("\n");
}
