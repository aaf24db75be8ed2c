import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useWorld, type World } from "../support/e2e-world.js";
import { agentMidWork, drifts, ISSUE, remoteLog, setUp, useLoops } from "../support/drift-loop.js";
import { claimRefsOnOrigin, isRunning, openCloneStore, startCli, waitFor } from "../support/loop-world.js";

// Critical drift (design §5): the agent is stopped, its work pushed, the claim released, one comment.

const world = useWorld({ beforeEach, afterEach });
const loop = useLoops({ afterEach });

describe("spawn --autonomous: drift made by people while the loop runs", () => {
  it.each([
    ["issue-closed", "the issue is closed", (w: World) => w.api("PATCH", `${ISSUE}/1`, { state: "closed" })],
    ["reassigned", "the issue is reassigned", (w: World) => w.api("PATCH", `${ISSUE}/1`, { assignees: ["owner"] })],
    [
      "human-only-added",
      "route:human-only is added",
      (w: World) => w.api("POST", `${ISSUE}/1/labels`, { labels: ["route:human-only"] }),
    ],
  ] as const)(
    "%s: when %s, the agent is stopped, its work pushed, the claim released, one comment; the next issue goes on",
    async (kind, _what, act) => {
      const w = world();
      const { cli, run } = await agentMidWork(w, loop, ["Being worked on", "Next one"]);

      await act(w);
      const ended = await cli.done;

      expect(ended.code, ended.stderr).toBe(0);
      expect(ended.stdout).toContain(`#1 drift (critical): ${kind}`);
      expect(isRunning(run.pid)).toBe(false);
      const issue = w.repo.issue(1);
      expect(issue.comments).toHaveLength(1);
      expect(issue.comments[0]?.body).toContain("Its work so far is on the branch `agent001/1-being-worked-on`");
      expect(issue.labels).not.toContain("agent001");
      expect(await remoteLog(w, "agent001/1-being-worked-on")).toContain("Work on #1 (run 1)");
      expect(await claimRefsOnOrigin(w)).toEqual([]);
      expect(w.repo.pulls().map((pull) => pull.headRef)).toEqual(["agent001/2-next-one"]);
      const recorded = drifts(w).filter((drift) => drift.issueNumber === 1);
      expect(recorded.map((drift) => [drift.kind, drift.severity, drift.outcome])).toEqual([
        [kind, "critical", "abandoned"],
      ]);
    },
  );

  it("pr-closed: a PR closed by a person before the loop finished delivering is not reopened; one comment, claim released", async () => {
    const w = world();
    await setUp(w, ["Unwanted"]);
    w.server.injectFault({ method: "POST", path: `${ISSUE}/1/labels`, kind: "latency", ms: 4_000 });
    const first = loop(w);
    // The PR's number is checkpointed as soon as its answer arrives, before the labels move.
    await waitFor("the pull request's checkpoint", () => {
      const store = openCloneStore(w);
      try {
        return store.attemptsFor(1)[0]?.prNumber;
      } finally {
        store.close();
      }
    });
    first.child.kill("SIGKILL");
    await first.done;
    w.server.clearFaults();
    const pull = w.repo.pulls()[0];
    w.repo.closePull(pull?.number ?? 0);

    const restart = await startCli(w, ["spawn", "--autonomous", "--until-empty"]).done;

    expect(restart.code, restart.stderr).toBe(0);
    expect(restart.stdout).toContain("#1 drift (critical): pr-closed");
    expect(w.repo.pulls()).toHaveLength(1);
    expect(w.repo.issue(1).comments).toHaveLength(1);
    expect(w.repo.issue(1).labels).not.toContain("agent001");
    expect(await claimRefsOnOrigin(w)).toEqual([]);
    expect(drifts(w).map((drift) => drift.kind)).toEqual(["pr-closed"]);
  });

  it("an issue closed while no loop was running is found at restart: work pushed, claim released, one comment", async () => {
    const w = world();
    const { cli: first } = await agentMidWork(w, loop, ["Closed meanwhile"]);
    first.child.kill("SIGKILL");
    await first.done;
    await w.api("PATCH", `${ISSUE}/1`, { state: "closed" });

    const restart = await startCli(w, ["spawn", "--autonomous", "--until-empty"]).done;

    expect(restart.code, restart.stderr).toBe(0);
    expect(restart.stdout).toContain("#1 restart: resync — #1 was closed");
    expect(w.repo.issue(1).comments).toHaveLength(1);
    expect(await remoteLog(w, "agent001/1-closed-meanwhile")).toEqual(["Work on #1 (run 1)"]);
    expect(await claimRefsOnOrigin(w)).toEqual([]);
    expect(drifts(w).map((drift) => [drift.kind, drift.outcome])).toEqual([["issue-closed", "abandoned"]]);
  });
});
