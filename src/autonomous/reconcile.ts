import type { WorkItem } from "../core/store-port.js";
import { branchFor, worktreePathFor, worktreePathOfBranch } from "../domain/branch-name.js";
import { decideRestart, type RestartDecision, type StepState } from "../domain/restart-decision.js";
import { UsageError } from "../errors/index.js";
import { gatherRestartFacts } from "./gather-restart-facts.js";
import { resumeFromGitHub } from "./resume-from-github.js";
import { stopForDrift } from "./drift/stop-for-drift.js";
import { abandon } from "./steps/abandon.js";
import type { LoopContext, Work } from "./work-context.js";
import { advance } from "./work-context.js";

/**
 * The reconcile step, at start-up and after an interruption: every unfinished work item is
 * checked against GitHub and git and resumed, resynced or dropped, with the reason
 * checkpointed; an agent left running by a killed loop is stopped first. A claim we hold
 * after a failed attempt gets its next attempt. Returns the work to continue, if any.
 */
export async function reconcile(ctx: LoopContext): Promise<Work | undefined> {
  const { store, tracker } = ctx.deps;
  const { agentId } = ctx.settings;
  store.markCrashedRuns(agentId, ctx.settings.host);
  let resumed: Work | undefined;
  for (const item of store.unfinishedWorkItems(agentId)) {
    const work = await reconcileItem(ctx, item, resumed !== undefined);
    resumed ??= work;
  }
  if (resumed) return resumed;

  const held = (await tracker.listOpenIssues({ labels: [agentId], perPage: 10 })).issues.filter(
    (issue) => !issue.isPullRequest,
  );
  for (const issue of held) {
    const last = store.attemptsFor(issue.number).at(-1);
    if (last === undefined) {
      const fromGitHub = await resumeFromGitHub(ctx, issue);
      if (fromGitHub) return fromGitHub;
    }
    if (last?.state !== "failed") {
      throw new UsageError(
        `${agentId} holds a claim on #${issue.number} (${issue.title}) that this loop did not make`,
        {
          hint: "deliver it with `my-little-soda bottle` or release it with `my-little-soda reset`, or run the loop with another --agent",
        },
      );
    }
    const login = (await tracker.getViewer()).login;
    const item = store.createWorkItem({
      runId: ctx.runId,
      issueNumber: issue.number,
      state: "prepare",
      branch: last.branch ?? null,
      claimEpoch: last.claimEpoch ?? null,
      expected: last.expected ?? null,
      detail: {
        retryOf: last.id,
        title: issue.title,
        restart: { action: "resume", reason: `attempt ${last.attempt} failed before the stop; trying again` },
      },
    });
    ctx.deps.audit.set({ runId: ctx.runId, workItemId: item.id });
    ctx.deps.emit({
      type: "restart",
      issue: issue.number,
      decision: "resume",
      reason: `attempt ${last.attempt} failed before the stop; trying again`,
    });
    return {
      item,
      issue,
      login,
      baseBranch: await baseBranchOf(ctx),
      branch: last.branch ?? branchFor(agentId, issue),
      worktree: worktreePathFor(ctx.settings.root, issue),
    };
  }
  return undefined;
}

async function reconcileItem(ctx: LoopContext, item: WorkItem, alreadyResuming: boolean): Promise<Work | undefined> {
  const { deps, settings } = ctx;
  deps.audit.set({ runId: ctx.runId, workItemId: item.id });
  const gathered = await gatherRestartFacts(deps, item, settings.agentId);
  if (item.agentPgid !== undefined && gathered.agentRunning) {
    // Its commits stay in the worktree; only the process goes.
    await deps.stopProcessGroup(item.agentPgid);
  }
  const decision: RestartDecision = alreadyResuming
    ? { action: "start-fresh", reason: "another unfinished item was resumed instead", releaseClaim: false }
    : decideRestart(
        { state: item.state as StepState, issueNumber: item.issueNumber, headSha: item.headSha, kind: item.kind },
        gathered.facts,
        settings.agentId,
      );
  deps.emit({ type: "restart", issue: item.issueNumber, decision: decision.action, reason: decision.reason });

  const title = gathered.issue?.title ?? `issue #${item.issueNumber}`;
  const issue = gathered.issue ?? {
    number: item.issueNumber,
    title,
    body: "",
    url: "",
    state: "closed" as const,
    labels: [],
    assignees: [],
    isPullRequest: false,
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };
  const work: Work = {
    item,
    issue,
    login: (await deps.tracker.getViewer()).login,
    baseBranch: await baseBranchOf(ctx),
    branch: item.branch ?? branchFor(settings.agentId, issue),
    worktree:
      item.kind === "deliver" || !item.branch
        ? worktreePathFor(settings.root, issue)
        : worktreePathOfBranch(settings.stateDir, settings.agentId, item.branch),
  };
  const restart = { action: decision.action, reason: decision.reason, stoppedAgent: gathered.agentRunning };
  if (decision.action === "resume") {
    return advance(
      ctx,
      work,
      { to: decision.at, agentPid: null, agentPgid: null, detail: { restart } },
      `resuming: ${decision.reason}`,
    );
  }
  if (item.state === "reconcile" || item.state === "claim") {
    if (decision.releaseClaim) await deps.tracker.deleteClaimRef(item.issueNumber);
    advance(ctx, work, { to: "abandoned", agentPid: null, agentPgid: null, detail: { restart } }, decision.reason);
    return undefined;
  }
  if (decision.action === "resync" && decision.drift) {
    // Changed by a person while no loop was running: the same critical drift as during a run.
    const found = decision.drift === "issue-closed" ? { state: "closed" } : { claim: gathered.facts.claim };
    await stopForDrift(ctx, work, {
      kind: decision.drift,
      severity: "critical",
      expected: { issue: "open", claim: settings.agentId },
      found,
    });
    return undefined;
  }
  await abandon(ctx, work, decision.reason, { releaseClaim: decision.releaseClaim });
  return undefined;
}

async function baseBranchOf(ctx: LoopContext): Promise<string> {
  return ctx.settings.baseBranch ?? (await ctx.deps.tracker.getRepository()).defaultBranch;
}
