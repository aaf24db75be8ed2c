import { LABEL } from "../../domain/labels.js";
import { pullRequestBody, type VerifyOutcome } from "../../domain/pull-request-body.js";
import type { PullRequestRef } from "../../domain/pull-request-ref.js";
import { VerifyFailedError } from "../../errors/index.js";
import type { CommandRunner, GitWorkspace, IssueTracker } from "../ports.js";
import type { BottlePlan } from "./plan-bottle.js";

export interface BottleSettings {
  agentId: string;
  /** argv of the verify command, when one is configured. */
  verify: string[] | undefined;
  noVerify: boolean;
  /** Verification already done by the caller (the autonomous loop's verify step): not run again. */
  verified?: VerifyOutcome;
  draft: boolean;
  returnToBase: boolean;
  /** Told as soon as the PR exists (the loop checkpoints its number before the labels move). */
  onPullRequest?: (pr: PullRequestRef) => void;
  /** Where the verify command runs (the working tree holding the branch). */
  workdir: string;
}

export interface BottleResult {
  issue: number;
  pr: PullRequestRef & { draft: boolean };
  /** False when the PR was already open (a re-run). */
  created: boolean;
  branch: string;
  verify: VerifyOutcome;
  untracked: string[];
  returnedTo: string | null;
}

/**
 * Deliver (design §4), each step safe to repeat so a re-run after a crash completes what is
 * missing: verify, push, find-or-open the PR, move labels, release the claim, go back to base.
 */
export async function applyBottle(
  plan: BottlePlan,
  settings: BottleSettings,
  ports: { tracker: IssueTracker; git: GitWorkspace; runner: CommandRunner },
): Promise<BottleResult> {
  const { tracker, git } = ports;
  const verify = plan.existingPull
    ? ({ kind: "skipped" } as const)
    : (settings.verified ?? (await runVerify(plan.issue.number, settings, ports.runner)));
  await git.push("origin", plan.branch);

  const pull =
    plan.existingPull ??
    (await tracker.createPullRequest({
      title: plan.issue.title,
      body: pullRequestBody({
        issueNumber: plan.issue.number,
        issueTitle: plan.issue.title,
        issueBody: plan.issue.body,
        agentId: settings.agentId,
        commits: plan.commits,
        verify,
      }),
      head: plan.branch,
      base: plan.baseBranch,
      draft: settings.draft,
    }));

  settings.onPullRequest?.({ number: pull.number, url: pull.url });
  // Additive label writes, so a label a person adds meanwhile is never lost. The issue's and the
  // pull request's route:review are independent: sent together, one round trip (design §9).
  await Promise.all([
    tracker.addLabels(plan.issue.number, [LABEL.review]),
    pull.labels.includes(LABEL.review) ? undefined : tracker.addLabels(pull.number, [LABEL.review]),
  ]);
  await tracker.removeLabel(plan.issue.number, settings.agentId);
  if (plan.issue.labels.includes(LABEL.ready)) await tracker.removeLabel(plan.issue.number, LABEL.ready);
  if (plan.claimHeld) await tracker.deleteClaimRef(plan.issue.number);

  let returnedTo: string | null = null;
  // A linked worktree cannot check out the base branch the main checkout already has.
  if (plan.checkedOut && settings.returnToBase && !(await git.isLinkedWorktree())) {
    await git.checkout(plan.baseBranch);
    returnedTo = plan.baseBranch;
  }
  return {
    issue: plan.issue.number,
    pr: { number: pull.number, url: pull.url, draft: pull.draft },
    created: plan.existingPull === undefined,
    branch: plan.branch,
    verify,
    untracked: plan.untracked,
    returnedTo,
  };
}

/** The configured verify command in the working tree (bottle, and a rework round's bottle). */
export async function runVerify(
  issueNumber: number,
  settings: Pick<BottleSettings, "noVerify" | "verify" | "workdir">,
  runner: CommandRunner,
): Promise<VerifyOutcome> {
  if (settings.noVerify) return { kind: "skipped" };
  if (!settings.verify || settings.verify.length === 0) return { kind: "not-configured" };
  const command = settings.verify.join(" ");
  const result = await runner.run(settings.verify, settings.workdir);
  if (result.exitCode !== 0) {
    throw new VerifyFailedError(
      `verify failed: \`${command}\` exited ${result.exitCode}; nothing was pushed for #${issueNumber}`,
      {
        hint: "fix it and run bottle again (or --no-verify to deliver anyway)",
        details: result.output.trimEnd().split("\n").slice(-20).join("\n"),
      },
    );
  }
  return { kind: "passed", command, seconds: result.durationMs / 1000 };
}
