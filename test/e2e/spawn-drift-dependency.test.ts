import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useWorld, USER, type World } from "../support/e2e-world.js";
import { agentMidWork, drifts, ISSUE, remoteLog, useLoops } from "../support/drift-loop.js";
import { claimRefsOnOrigin, isRunning } from "../support/loop-world.js";

// design §5, drift `dependency-added`: a dependency added after the claim stops the work, keeps it,
// and puts the issue back in the queue, where it waits for its blocker.

const world = useWorld({ beforeEach, afterEach });
const loop = useLoops({ afterEach });

describe("spawn --autonomous: a dependency added while the agent works", () => {
  it.each([
    ["GitHub's issue dependencies", (w: World, blocker: number) => w.repo.addBlockedBy(1, blocker)],
    [
      "a 'Blocked by #N' line added to the body",
      (w: World, blocker: number) => w.api("PATCH", `${ISSUE}/1`, { body: `Blocked by #${blocker}` }),
    ],
  ] as const)(
    "through %s: stopped, work kept, claim released, back in the queue; the next issue goes on",
    async (_how, act) => {
      const w = world();
      const { agent, cli, run } = await agentMidWork(w, loop, ["Being worked on", "Next one"]);
      const blocker = w.repo.addIssue({ title: "Blocker", labels: [] }).number;

      await act(w, blocker);
      const ended = await cli.done;

      expect(ended.code, ended.stderr).toBe(0);
      expect(ended.stdout).toContain("#1 drift (critical): dependency-added");
      expect(isRunning(run.pid)).toBe(false);
      const issue = w.repo.issue(1);
      expect(issue.labels).toEqual(["route:ready"]);
      expect(issue.assignees).not.toContain(USER);
      expect(issue.comments).toHaveLength(1);
      expect(issue.comments[0]?.body).toContain("the issue was made to wait for another one (it now waits for");
      expect(issue.comments[0]?.body).toContain("back in the queue (`route:ready`)");
      expect(await remoteLog(w, "agent001/1-being-worked-on")).toContain("Work on #1 (run 1)");
      expect(await claimRefsOnOrigin(w)).toEqual([]);
      // #2 is delivered; #1 is not taken again while #3 is open, so the queue is empty for the loop.
      expect(w.repo.pulls().map((pull) => pull.headRef)).toEqual(["agent001/2-next-one"]);
      expect((await agent.runs()).filter((r) => r.issue === 1)).toHaveLength(1);
      const recorded = drifts(w).filter((drift) => drift.issueNumber === 1);
      expect(recorded.map((drift) => [drift.kind, drift.severity, drift.outcome])).toEqual([
        ["dependency-added", "critical", "abandoned"],
      ]);
      expect(recorded[0]?.action).toContain("claim released, back in the queue");
    },
  );
});
