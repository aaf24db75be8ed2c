import { describe, expect, it } from "vitest";
import { decideRestart, type RestartFacts, type StepState } from "../../../src/domain/restart-decision.js";

const AGENT = "agent001";
const healthy: RestartFacts = {
  issue: { state: "open", labels: [AGENT] },
  claim: { holder: "us" },
  pullOpen: false,
  localHead: "abc",
  recordedHeadKept: true,
};
const decide = (state: StepState, facts: Partial<RestartFacts> = {}) =>
  decideRestart({ state, issueNumber: 7, headSha: "abc" }, { ...healthy, ...facts }, AGENT);

describe("decideRestart", () => {
  it.each(["prepare", "run-agent", "check-evidence", "verify", "deliver"] as const)(
    "resumes %s where the issue is open, ours and the branch intact",
    (state) => {
      expect(decide(state)).toEqual({
        action: "resume",
        at: state,
        reason: "#7 is still open and ours, and the branch is at the recorded HEAD or ahead",
      });
    },
  );

  it("resumes a claim that completed before the stop at prepare, and starts fresh from one that did not", () => {
    expect(decide("claim")).toMatchObject({ action: "resume", at: "prepare" });
    expect(decide("claim", { issue: { state: "open", labels: ["route:ready"] } })).toEqual({
      action: "start-fresh",
      reason: "the claim on #7 never completed",
      releaseClaim: true,
    });
    expect(
      decide("claim", { claim: { holder: "none" }, issue: { state: "open", labels: ["route:ready"] } }),
    ).toMatchObject({ action: "start-fresh", releaseClaim: false });
  });

  it("starts fresh from reconcile: nothing was claimed", () => {
    expect(decide("reconcile")).toMatchObject({ action: "start-fresh" });
  });

  it("resyncs when the issue was closed or deleted, releasing only a claim that is ours", () => {
    expect(decide("run-agent", { issue: { state: "closed", labels: [AGENT] } })).toEqual({
      action: "resync",
      reason: "#7 was closed",
      releaseClaim: true,
      drift: "issue-closed",
    });
    expect(decide("verify", { issue: undefined, claim: { holder: "none" } })).toEqual({
      action: "resync",
      reason: "#7 no longer exists",
      releaseClaim: false,
      drift: "issue-deleted",
    });
  });

  it("resyncs when the claim is another agent's or was released, never touching it", () => {
    expect(decide("run-agent", { claim: { holder: "other", agent: "agent002" } })).toEqual({
      action: "resync",
      reason: "#7 is now claimed by agent002",
      releaseClaim: false,
      drift: "claim-taken-over",
    });
    expect(decide("run-agent", { claim: { holder: "none" } })).toEqual({
      action: "resync",
      reason: "the claim on #7 was released",
      releaseClaim: false,
      drift: "claim-lost",
    });
  });

  it("finishes a delivery whose pull request is open even though the claim is already gone", () => {
    expect(
      decide("deliver", {
        pullOpen: true,
        claim: { holder: "none" },
        issue: { state: "open", labels: ["route:review"] },
      }),
    ).toMatchObject({ action: "resume", at: "deliver" });
  });

  it("resumes when a person took the agent label off: the resumed step's drift check puts it back", () => {
    expect(decide("check-evidence", { issue: { state: "open", labels: [] } })).toMatchObject({
      action: "resume",
      at: "check-evidence",
    });
  });

  it("goes back to prepare when the local branch is missing, and resyncs when it was rewritten", () => {
    expect(decide("verify", { localHead: undefined, recordedHeadKept: undefined })).toMatchObject({
      action: "resume",
      at: "prepare",
    });
    expect(decide("verify", { recordedHeadKept: false })).toMatchObject({
      action: "resync",
      reason: "the branch was rewritten: the recorded HEAD abc is no longer on it",
    });
  });
});
