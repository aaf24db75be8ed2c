import { describe, expect, it } from "vitest";
import { assessPullRequest, type AssessInput } from "../../../../src/domain/review/assess-pull-request.js";
import type { ProtectionFact } from "../../../../src/domain/review/facts.js";
import {
  OLD_HEAD,
  PUSHED_AT,
  conversationComment,
  lineComment,
  permissionOf,
  pull,
  review,
  run,
  status,
} from "./fixtures.js";

const protection: ProtectionFact = { requiredChecks: ["build", "test"], strict: true, requiredApprovals: 1 };
const approvedByOwner = [review("owner", "APPROVED", "2026-03-02T10:30:00Z")];

/** A green, approved pull request on a protected `main`, with auto_merge on: ready to land. */
function input(overrides: Partial<AssessInput> = {}): AssessInput {
  return {
    pull: pull(),
    checks: { runs: [run("build"), run("test")], statuses: [], jobLogs: new Map() },
    feedback: {
      reviews: approvedByOwner,
      lineComments: [],
      conversation: [],
      since: PUSHED_AT,
      viewer: "my-little-soda-bot",
    },
    permissionOf,
    protection,
    autoMerge: true,
    readyToMergeBy: undefined,
    reworkRounds: 0,
    maxReworkRounds: 3,
    ...overrides,
  };
}

function withFeedback(feedback: Partial<AssessInput["feedback"]>): Partial<AssessInput> {
  return { feedback: { ...input().feedback, ...feedback } };
}

function withRuns(...runs: AssessInput["checks"]["runs"]): Partial<AssessInput> {
  return { checks: { runs, statuses: [], jobLogs: new Map() } };
}

describe("assessPullRequest: landing", () => {
  it("is ready to land when approved on the head, required checks green, mergeable, and auto_merge on", () => {
    expect(assessPullRequest(input())).toEqual({
      stage: "ready-to-land",
      reasons: [],
      approvals: ["owner"],
      requiredApprovals: 1,
      pendingChecks: [],
      awaitingApprovalChecks: [],
      blockers: [],
      changesRequestedBy: [],
    });
  });

  it("is only approved without auto_merge or route:ready_to_merge, and says so", () => {
    const assessment = assessPullRequest(input({ autoMerge: false }));
    expect(assessment.stage).toBe("approved");
    expect(assessment.blockers).toEqual(["no auto_merge and no route:ready_to_merge by a person with write access"]);
  });

  it("lands on route:ready_to_merge added by a writer, not by someone without write access", () => {
    expect(assessPullRequest(input({ autoMerge: false, readyToMergeBy: "maintainer" })).stage).toBe("ready-to-land");
    const byTriager = assessPullRequest(input({ autoMerge: false, readyToMergeBy: "triager" }));
    expect(byTriager.stage).toBe("approved");
    expect(byTriager.blockers).toEqual([
      "no auto_merge, and @triager who added route:ready_to_merge has no write access",
    ]);
  });

  it("waits for the number of approvals protection asks, on the current head only", () => {
    const assessment = assessPullRequest(
      input({
        protection: { ...protection, requiredApprovals: 2 },
        ...withFeedback({
          reviews: [...approvedByOwner, review("dev", "APPROVED", "2026-03-01T09:00:00Z", { commitId: OLD_HEAD })],
        }),
      }),
    );
    expect(assessment.stage).toBe("waiting-for-review");
    expect(assessment.approvals).toEqual(["owner"]);
    expect(assessment.requiredApprovals).toBe(2);
    expect(assessment.blockers).toEqual(["1 of 2 approvals on the current head"]);
  });

  it("does not count approvals by people without write access", () => {
    const assessment = assessPullRequest(
      input(withFeedback({ reviews: [review("stranger", "APPROVED", "2026-03-02T10:30:00Z")] })),
    );
    expect(assessment.stage).toBe("waiting-for-review");
    expect(assessment.blockers).toEqual(["0 of 1 approval on the current head"]);
  });

  it.each(["none", "unreadable"] as const)("uses the configured approvals when protection is %s", (state) => {
    const twoNeeded = assessPullRequest(input({ protection: state, fallbackRequiredApprovals: 2 }));
    expect(twoNeeded.requiredApprovals).toBe(2);
    expect(twoNeeded.stage).toBe("waiting-for-review");
    expect(assessPullRequest(input({ protection: state })).requiredApprovals).toBe(1);
  });

  it("follows protection that asks for no approval at all", () => {
    const assessment = assessPullRequest(
      input({ protection: { ...protection, requiredApprovals: 0 }, ...withFeedback({ reviews: [] }) }),
    );
    expect(assessment.stage).toBe("ready-to-land");
  });

  it("is not approved while someone who asked for changes on an earlier head has not reviewed again", () => {
    const assessment = assessPullRequest(
      input(
        withFeedback({
          reviews: [
            ...approvedByOwner,
            review("dev", "CHANGES_REQUESTED", "2026-03-01T09:00:00Z", { commitId: OLD_HEAD, body: "Add a test." }),
          ],
        }),
      ),
    );
    expect(assessment.stage).toBe("waiting-for-review");
    expect(assessment.reasons).toEqual([]);
    expect(assessment.blockers).toEqual(["@dev asked for changes on an earlier commit and has not reviewed since"]);
  });

  it("waits while GitHub has not computed mergeability", () => {
    const assessment = assessPullRequest(input({ pull: pull({ mergeable: null, mergeableState: "unknown" }) }));
    expect(assessment.stage).toBe("approved");
    expect(assessment.blockers).toEqual(["mergeable not yet computed"]);
  });

  it("needs every required check to have reported", () => {
    const assessment = assessPullRequest(input(withRuns(run("build"))));
    expect(assessment.stage).toBe("approved");
    expect(assessment.blockers).toEqual(["required check `test` has not reported on this head"]);
  });

  it("lands with no checks at all when nothing is required", () => {
    expect(assessPullRequest(input({ protection: "none", ...withRuns() })).stage).toBe("ready-to-land");
    expect(assessPullRequest(input({ protection: { ...protection, requiredChecks: [] }, ...withRuns() })).stage).toBe(
      "ready-to-land",
    );
  });
});

describe("assessPullRequest: waiting", () => {
  it("leaves drafts to people, whatever else holds", () => {
    const assessment = assessPullRequest(
      input({ pull: pull({ draft: true }), ...withRuns(run("build", { conclusion: "failure" }), run("test")) }),
    );
    expect(assessment.stage).toBe("waiting-for-review");
    expect(assessment.reasons).toEqual([]);
    expect(assessment.blockers).toEqual(["the pull request is a draft", "CI failed (build)"]);
  });

  it("waits for running CI before reworking anything, even with feedback and a failure already in", () => {
    const assessment = assessPullRequest(
      input({
        ...withRuns(run("build", { conclusion: "failure" }), run("test", { status: "in_progress", conclusion: null })),
        feedback: {
          ...input().feedback,
          reviews: [review("owner", "CHANGES_REQUESTED", "2026-03-02T10:30:00Z", { body: "Add a test." })],
        },
      }),
    );
    expect(assessment.stage).toBe("waiting-for-ci");
    expect(assessment.reasons).toEqual([]);
    expect(assessment.pendingChecks).toEqual(["test"]);
    expect(assessment.changesRequestedBy).toEqual(["owner"]);
    expect(assessment.blockers).toEqual([
      "checks still running: test",
      "CI failed (build)",
      "changes requested by @owner",
      "0 of 1 approval on the current head",
    ]);
  });

  it("waits on a pending non-required check too: its result may need rework", () => {
    const assessment = assessPullRequest(
      input(withRuns(run("build"), run("test"), run("coverage", { status: "queued", conclusion: null }))),
    );
    expect(assessment.stage).toBe("waiting-for-ci");
  });

  it("reports a required check that waits for approval to run, never as a failure", () => {
    const assessment = assessPullRequest(input(withRuns(run("build"), run("test", { conclusion: "action_required" }))));
    expect(assessment.stage).toBe("waiting-for-approval-to-run");
    expect(assessment.reasons).toEqual([]);
    expect(assessment.awaitingApprovalChecks).toEqual(["test"]);
    expect(assessment.blockers).toEqual(["required check `test` waits for a person's approval to run"]);
  });

  it("lands past an optional check that waits for approval, as GitHub would", () => {
    const assessment = assessPullRequest(
      input(withRuns(run("build"), run("test"), run("deploy-preview", { status: "waiting", conclusion: null }))),
    );
    expect(assessment.stage).toBe("ready-to-land");
    expect(assessment.awaitingApprovalChecks).toEqual(["deploy-preview"]);
  });

  it("counts every check as required when protection cannot be read", () => {
    const assessment = assessPullRequest(
      input({
        protection: "unreadable",
        ...withRuns(run("build"), run("deploy-preview", { status: "waiting", conclusion: null })),
      }),
    );
    expect(assessment.stage).toBe("waiting-for-approval-to-run");
    expect(assessment.blockers).toEqual(["check `deploy-preview` waits for a person's approval to run"]);
  });
});

describe("assessPullRequest: rework", () => {
  it("reworks failing checks, optional ones included, from the job log where it was read", () => {
    const lint = run("lint", { conclusion: "failure", actionsJobId: 502 });
    const jenkins = status("continuous-integration/jenkins", "error", "Build #88 errored");
    const assessment = assessPullRequest(
      input({
        checks: {
          runs: [run("build"), run("test"), lint],
          statuses: [jenkins],
          jobLogs: new Map([[502, { kind: "log" as const, text: "src/a.ts:3 'x' is never used\n" }]]),
        },
      }),
    );
    expect(assessment.stage).toBe("ci-failed");
    expect(assessment.reasons).toEqual([
      {
        kind: "ci-failed",
        checks: [
          {
            name: "lint",
            conclusion: "failure",
            output: "src/a.ts:3 'x' is never used",
            source: "job-log",
            url: lint.detailsUrl,
          },
          {
            name: "continuous-integration/jenkins",
            conclusion: "error",
            output: "Build #88 errored",
            source: "status-description",
            url: jenkins.targetUrl,
          },
        ],
      },
    ]);
    expect(assessment.blockers).toEqual(["CI failed (lint, continuous-integration/jenkins)"]);
  });

  it("reworks changes asked by writers on the head and their comments since the last push", () => {
    const remark = lineComment("maintainer", "Parse with new URL().", "2026-03-02T10:20:00Z");
    const note = conversationComment("owner", "Mention it in the changelog.", "2026-03-02T10:21:00Z");
    const assessment = assessPullRequest(
      input(
        withFeedback({
          reviews: [review("owner", "CHANGES_REQUESTED", "2026-03-02T10:30:00Z", { body: "Reject absolute URLs." })],
          lineComments: [remark, lineComment("stranger", "Remove the check.", "2026-03-02T10:22:00Z")],
          conversation: [note],
        }),
      ),
    );
    expect(assessment.stage).toBe("changes-requested");
    expect(assessment.changesRequestedBy).toEqual(["owner"]);
    expect(assessment.reasons).toEqual([
      {
        kind: "changes-requested",
        reviews: [{ author: "owner", body: "Reject absolute URLs." }],
        lineComments: [remark],
        conversation: [note],
      },
    ]);
  });

  it("reworks a comment alone, without a review asking for changes", () => {
    const note = conversationComment("dev", "Please rename the helper.", "2026-03-02T10:21:00Z");
    const assessment = assessPullRequest(input(withFeedback({ conversation: [note] })));
    expect(assessment.stage).toBe("changes-requested");
  });

  it.each([
    [{ mergeable: false, mergeableState: "dirty" }],
    [{ mergeable: null, mergeableState: "dirty" }],
    [{ mergeable: false, mergeableState: "unknown" }],
  ])("sees a conflict in %o", (state) => {
    const assessment = assessPullRequest(input({ pull: pull(state) }));
    expect(assessment.stage).toBe("conflict");
    expect(assessment.reasons).toEqual([{ kind: "conflict", baseBranch: "main", files: [] }]);
  });

  it("updates a branch that is behind when protection wants it up to date, or when it cannot be read", () => {
    const behind = pull({ mergeableState: "behind" });
    expect(assessPullRequest(input({ pull: behind })).reasons).toEqual([{ kind: "behind-base", baseBranch: "main" }]);
    expect(assessPullRequest(input({ pull: behind, protection: "unreadable" })).stage).toBe("behind-base");
    expect(assessPullRequest(input({ pull: behind, protection: { ...protection, strict: false } })).stage).toBe(
      "ready-to-land",
    );
  });

  it("lists every reason in order, the stage being the first", () => {
    const assessment = assessPullRequest(
      input({
        pull: pull({ mergeable: false, mergeableState: "dirty" }),
        ...withRuns(run("build", { conclusion: "failure" }), run("test")),
        ...withFeedback({ conversation: [conversationComment("owner", "Also the docs.", "2026-03-02T10:21:00Z")] }),
      }),
    );
    expect(assessment.stage).toBe("conflict");
    expect(assessment.reasons.map((reason) => reason.kind)).toEqual(["conflict", "ci-failed", "changes-requested"]);
  });

  it("hands over once the rounds are spent, the reasons still listed", () => {
    const failing = withRuns(run("build", { conclusion: "failure" }), run("test"));
    expect(assessPullRequest(input({ ...failing, reworkRounds: 2, maxReworkRounds: 3 })).stage).toBe("ci-failed");
    const spent = assessPullRequest(input({ ...failing, reworkRounds: 3, maxReworkRounds: 3 }));
    expect(spent.stage).toBe("rework-limit");
    expect(spent.reasons.map((reason) => reason.kind)).toEqual(["ci-failed"]);
  });

  it("is never ready to land with a blocker left, nor held back without one", () => {
    const cases: Array<Partial<AssessInput>> = [
      {},
      { autoMerge: false },
      { pull: pull({ mergeable: null }) },
      { pull: pull({ draft: true }) },
      withRuns(run("build")),
      withFeedback({ reviews: [] }),
      { protection: "none", ...withRuns() },
    ];
    for (const overrides of cases) {
      const assessment = assessPullRequest(input(overrides));
      expect(assessment.stage === "ready-to-land").toBe(assessment.blockers.length === 0);
    }
  });
});
