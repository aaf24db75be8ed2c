import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useSharedWorld } from "../support/e2e-world.js";
import { cliJson } from "../support/normalise-json.js";

/**
 * Every command's `--json` as a snapshot (design §4: fields are added, never renamed or removed),
 * through one repository's life: init, an empty queue, peek, pop, bottle, status, reset and the
 * reports before any loop ran. The tests share one world and run in order.
 */
const currentWorld = useSharedWorld({ beforeAll, afterAll });
const json = (args: string[], expectedCode = 0) => cliJson(currentWorld(), args, expectedCode);

describe("--json shapes", () => {
  it("init: --dry-run with its planned writes, then the real run", async () => {
    const world = currentWorld();
    expect(await json(["init", "--dry-run"])).toMatchSnapshot("init --dry-run");
    expect(await json(["init"])).toMatchSnapshot("init");
    await world.sandbox.git(world.clone, ["add", "-A"]);
    await world.sandbox.git(world.clone, ["commit", "-qm", "Set up my-little-soda"]);
    await world.sandbox.git(world.clone, ["push", "-q", "origin", "main"]);
  });

  it("an empty queue: peek (task null), pop (exit 6, claimed null), reset (exit 6)", async () => {
    expect(await json(["peek"])).toMatchSnapshot("peek, empty queue");
    expect(await json(["pop"], 6)).toMatchSnapshot("pop, empty queue");
    expect(await json(["reset"], 6)).toMatchSnapshot("reset, nothing to release");
  });

  it("peek, with and without -n, and --explain", async () => {
    const world = currentWorld();
    world.repo.addIssue({
      title: "Make it fizz",
      body: "Please add fizz.\n<!-- hidden note -->",
      labels: ["route:ready", "route:priority-high"],
    });
    world.repo.addIssue({ title: "Later", labels: ["route:ready"] });
    expect(await json(["peek"])).toMatchSnapshot("peek");
    expect(await json(["peek", "-n", "3"])).toMatchSnapshot("peek -n 3");
    expect(await json(["peek", "--explain"])).toMatchSnapshot("peek --explain");
  });

  it("pop: --dry-run, then claimed", async () => {
    expect(await json(["pop", "--dry-run"])).toMatchSnapshot("pop --dry-run");
    expect(await json(["pop"])).toMatchSnapshot("pop");
  });

  it("bottle: --dry-run, then delivered", async () => {
    const world = currentWorld();
    await world.sandbox.commitFile(world.clone, "fizz.txt", "fizz\n", "Add fizz");
    expect(await json(["bottle", "--dry-run"])).toMatchSnapshot("bottle --dry-run");
    expect(await json(["bottle"])).toMatchSnapshot("bottle");
  });

  it("status, with a claim, a pull request in review and a queue", async () => {
    const world = currentWorld();
    expect(await json(["pop"])).toMatchObject({ claimed: { number: 2 } });
    world.repo.addIssue({ title: "Queued", labels: ["route:ready"] });
    expect(await json(["status"])).toMatchSnapshot("status");
  });

  it("drift-report --now with a claim; the reports before any loop ran", async () => {
    expect(await json(["drift-report", "--now"])).toMatchSnapshot("drift-report --now");
    expect(await json(["recovery-report"])).toMatchSnapshot("recovery-report, nothing recorded");
    expect(await json(["continuity-status"])).toMatchSnapshot("continuity-status, no loop ran");
  });

  it("reset: --dry-run, then the release", async () => {
    expect(await json(["reset", "--dry-run"])).toMatchSnapshot("reset --dry-run");
    expect(await json(["reset", "--yes"])).toMatchSnapshot("reset");
  });

  it("the review phase at a terminal: pop --rework (--dry-run, then claimed), bottle on the rework branch", async () => {
    const world = currentWorld();
    const pull = world.repo.pulls().find((candidate) => candidate.headRef.startsWith("agent001/1-"));
    if (!pull) throw new Error("bottle's pull request is gone");
    const head = (await world.sandbox.git(world.origin, ["rev-parse", `refs/heads/${pull.headRef}`])).trim();
    await world.repo.addWorkflowRun({
      name: "CI",
      ref: head,
      jobs: [{ name: "test", status: "completed", conclusion: "failure", log: "FAIL fizz.test.ts\n" }],
    });
    expect(await json(["pop", "--rework", "--dry-run"])).toMatchSnapshot("pop --rework --dry-run");
    expect(await json(["pop", "--rework"])).toMatchSnapshot("pop --rework");
    await world.sandbox.commitFile(world.clone, "fizz.txt", "fizz, fixed\n", "Fix fizz");
    expect(await json(["bottle", "--dry-run"])).toMatchSnapshot("bottle --dry-run, a rework round");
    expect(await json(["bottle"])).toMatchSnapshot("bottle, a rework round");
    expect(await json(["pop", "--rework"], 6)).toMatchSnapshot("pop --rework, nothing to rework");
  });
});
