import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { initialiseRepository, useWorld } from "../support/e2e-world.js";
import { configureLoop, startCli, waitFor, type RunningCli } from "../support/loop-world.js";
import { headOf, reportCi } from "../support/review-world.js";

// design §9/§11: the review watch's cost per poll while nothing changes, whatever other agents do.
const world = useWorld({ beforeEach, afterEach });
const running: RunningCli[] = [];
afterEach(() => {
  for (const cli of running.splice(0)) cli.child.kill("SIGKILL");
});

/** Every request the review watch can make (anything about pull requests, checks, reviews, people). */
const REVIEW =
  /\/pulls(\/|$)|\/commits\/[^/]+\/(check-runs|status)$|\/actions\/|\/collaborators\/|\/protection$|\/events$/;
const LIST = "/repos/acme/widgets/pulls";

describe("spawn --autonomous: the review watch's requests", () => {
  it("a quiet poll costs at most 3 requests, all 304s, with 2 of ours waiting for CI among 30 of other agents", async () => {
    const w = world();
    await initialiseRepository(w);
    await configureLoop(w);
    for (const title of ["First", "Second"]) w.repo.addIssue({ title, labels: ["route:ready"] });
    expect((await w.cli(["spawn", "--autonomous", "--until-empty"])).code).toBe(0);
    const ours = w.repo.pulls();
    expect(ours).toHaveLength(2);
    for (const pull of ours) await reportCi(w, await headOf(w, pull.headRef), "in_progress");
    for (let n = 0; n < 30; n++) {
      await w.openPullRequest({ branch: `agent002/${100 + n}-theirs`, title: `Theirs ${n}`, labels: ["route:review"] });
    }

    w.server.clearRequestLog();
    const loop = startCli(w, ["spawn", "--autonomous", "--poll-interval", "0.2"]);
    running.push(loop);
    await waitFor("eight polls", () => w.server.countRequests({ method: "GET", path: LIST }) >= 8, 30_000);
    loop.child.kill("SIGTERM");
    await loop.done;

    const requests = w.server.requests.filter((entry) => entry.status !== 0 && REVIEW.test(entry.path));
    const polls: (typeof requests)[] = [];
    for (const entry of requests) {
      if (entry.method === "GET" && entry.path === LIST) polls.push([]);
      polls.at(-1)?.push(entry);
    }
    // The first poll of a new process reads each of our pull requests once; the quiet ones follow.
    const quiet = polls.slice(1, -1);
    expect(quiet.length).toBeGreaterThanOrEqual(5);
    for (const poll of quiet) {
      expect(
        poll.length,
        poll.map((entry) => `${entry.method} ${entry.path} ${entry.status}`).join("\n"),
      ).toBeLessThanOrEqual(3);
      expect(poll.every((entry) => entry.status === 304)).toBe(true);
    }
    // Nothing about other agents' pull requests is ever read.
    const theirs = new Set(
      w.repo
        .pulls()
        .filter((pull) => pull.headRef.startsWith("agent002/"))
        .map((pull) => pull.number),
    );
    const touched = requests.filter((entry) => [...theirs].some((number) => entry.path.includes(`/pulls/${number}`)));
    expect(touched).toEqual([]);
  });
});
