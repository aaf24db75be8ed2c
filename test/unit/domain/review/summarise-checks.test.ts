import { describe, expect, it } from "vitest";
import { summariseChecks } from "../../../../src/domain/review/summarise-checks.js";
import { run, status } from "./fixtures.js";

describe("summariseChecks", () => {
  it("is none when nothing reported on the head", () => {
    const summary = summariseChecks([], []);
    expect(summary.state).toBe("none");
    expect(summary.requiredState).toBe("none");
    expect(summary).toMatchObject({ failing: [], pending: [], awaitingApproval: [], required: [] });
  });

  it("passes on success, neutral and skipped runs and successful statuses", () => {
    const summary = summariseChecks(
      [run("build"), run("docs", { conclusion: "neutral" }), run("deploy-preview", { conclusion: "skipped" })],
      [status("ci/circleci: test", "success")],
    );
    expect(summary.state).toBe("passed");
    expect(summary.failing).toEqual([]);
  });

  it.each(["failure", "timed_out", "cancelled", "stale"] as const)("fails on a %s run", (conclusion) => {
    const failed = run("test", { conclusion });
    const summary = summariseChecks([run("build"), failed], []);
    expect(summary.state).toBe("failed");
    expect(summary.failing).toEqual([{ name: "test", conclusion, run: failed }]);
  });

  it("fails on a startup_failure, which GitHub may send though our type does not list it", () => {
    const broken = run("lint", { conclusion: "startup_failure" as never });
    expect(summariseChecks([broken], []).failing.map((check) => check.name)).toEqual(["lint"]);
  });

  it.each(["failure", "error"] as const)("fails on a status in state %s", (state) => {
    const jenkins = status("continuous-integration/jenkins", state, "Build #88 failed");
    const summary = summariseChecks([], [jenkins]);
    expect(summary.state).toBe("failed");
    expect(summary.failing).toEqual([{ name: "continuous-integration/jenkins", conclusion: state, status: jenkins }]);
  });

  it("is pending while a run is queued or in progress or a status is pending, even when another failed", () => {
    const summary = summariseChecks(
      [run("build", { status: "queued", conclusion: null }), run("lint", { conclusion: "failure" })],
      [status("ci/circleci: test", "pending")],
    );
    expect(summary.state).toBe("pending");
    expect(summary.pending).toEqual(["build", "ci/circleci: test"]);
    expect(summary.failing.map((check) => check.name)).toEqual(["lint"]);
    expect(summariseChecks([run("e2e", { status: "in_progress", conclusion: null })], []).state).toBe("pending");
  });

  it("sets runs waiting for a person's approval apart: neither pending nor failing", () => {
    const summary = summariseChecks(
      [
        run("build"),
        run("deploy", { status: "waiting", conclusion: null }),
        run("first-timer", { conclusion: "action_required" }),
        run("scan", { status: "requested", conclusion: null }),
        run("release", { status: "pending", conclusion: null }),
      ],
      [],
    );
    expect(summary.state).toBe("passed");
    expect(summary.pending).toEqual([]);
    expect(summary.failing).toEqual([]);
    expect(summary.awaitingApproval).toEqual(["deploy", "first-timer", "scan", "release"]);
  });

  it("is none when the only checks await approval", () => {
    expect(summariseChecks([run("ci", { conclusion: "action_required" })], []).state).toBe("none");
  });

  it("lets only required checks decide requiredState, and still reports failing optional ones", () => {
    const summary = summariseChecks(
      [run("build"), run("test"), run("coverage", { conclusion: "failure" })],
      [],
      ["build", "test"],
    );
    expect(summary.state).toBe("failed");
    expect(summary.requiredState).toBe("passed");
    expect(summary.failing.map((check) => check.name)).toEqual(["coverage"]);
    expect(summary.required).toEqual([
      { name: "build", state: "passed" },
      { name: "test", state: "passed" },
    ]);
  });

  it("counts a required check that never reported, or awaits approval, as not passed", () => {
    const summary = summariseChecks(
      [run("build"), run("e2e", { status: "waiting", conclusion: null })],
      [],
      ["build", "e2e", "ci/circleci: test"],
    );
    expect(summary.state).toBe("passed");
    expect(summary.requiredState).toBe("pending");
    expect(summary.required).toEqual([
      { name: "build", state: "passed" },
      { name: "e2e", state: "awaiting-approval" },
      { name: "ci/circleci: test", state: "missing" },
    ]);
  });

  it("matches required names against status contexts too, and needs every match to pass", () => {
    const summary = summariseChecks([run("test")], [status("test", "failure")], ["test"]);
    expect(summary.required).toEqual([{ name: "test", state: "failed" }]);
    expect(summary.requiredState).toBe("failed");
  });

  it("is none for an empty required list, whatever the other checks say", () => {
    expect(summariseChecks([run("lint", { conclusion: "failure" })], [], []).requiredState).toBe("none");
  });

  it("never counts an unknown conclusion as a pass", () => {
    const summary = summariseChecks([run("build", { conclusion: "something_new" as never })], []);
    expect(summary.state).toBe("pending");
  });
});
