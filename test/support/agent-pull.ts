import { OWNER, REPO, TOKEN, type World } from "./e2e-world.js";

/**
 * A pull request from an agent's branch, opened by the agent's user (alice) and labelled by the
 * owner, as a delivery leaves it — cheaper than running pop and bottle or the loop for each.
 * People may then review it (GitHub refuses reviews of one's own pull request).
 */
export async function openAgentPull(
  world: World,
  branch: string,
  labels: string[] = ["route:review"],
): Promise<{ pr: number; head: string }> {
  const file = branch.replace(/\W/g, "-");
  const work = await world.sandbox.clone(world.origin, `pr-${file}`);
  await world.sandbox.git(work, ["checkout", "-q", "-b", branch]);
  await world.sandbox.commitFile(work, `${file}.txt`, "change\n", `Work on ${branch}`);
  await world.sandbox.git(work, ["push", "-q", "origin", branch]);
  const response = await fetch(`${world.server.url}/repos/${OWNER}/${REPO}/pulls`, {
    method: "POST",
    headers: { authorization: `token ${TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ title: `Work on ${branch}`, head: branch, base: "main", body: "" }),
  });
  if (response.status !== 201) throw new Error(`could not open the PR: ${await response.text()}`);
  const pr = ((await response.json()) as { number: number }).number;
  if (labels.length > 0) {
    const labelled = await world.api("POST", `/repos/${OWNER}/${REPO}/issues/${pr}/labels`, { labels });
    if (labelled.status !== 200) throw new Error(`could not label #${pr}: ${JSON.stringify(labelled.data)}`);
  }
  const head = (await world.sandbox.git(world.origin, ["rev-parse", `refs/heads/${branch}`])).trim();
  return { pr, head };
}
