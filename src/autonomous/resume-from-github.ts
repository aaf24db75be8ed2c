import { branchFor, worktreePathFor } from "../domain/branch-name.js";
import type { Issue } from "../domain/issue.js";
import type { LoopContext, Work } from "./work-context.js";

/**
 * A claim of this agent id, made by a loop, that this store has no record of: the loop that made
 * it ran somewhere whose state is gone (a fresh GitHub Actions runner each time, a deleted
 * `.my-little-soda/`). It is picked up from GitHub and git alone (design §5): an open pull request
 * for its branch means the delivery got that far, so the delivery is finished (never a second pull
 * request); otherwise the work starts again from `prepare`, whose worktree continues the pushed
 * branch. Returns undefined when the claim is not one to resume (no lease of ours by a loop).
 */
export async function resumeFromGitHub(ctx: LoopContext, issue: Issue): Promise<Work | undefined> {
  const { tracker, store } = ctx.deps;
  const { agentId } = ctx.settings;
  const sha = await tracker.getClaimRef(issue.number);
  const lease = sha ? await tracker.readLease(sha) : undefined;
  if (!sha || !lease || lease.agent !== agentId || lease.by !== "loop") return undefined;
  const branch = branchFor(agentId, issue);
  const [pull, { login }, baseBranch] = await Promise.all([
    tracker.findOpenPullRequest(branch),
    tracker.getViewer(),
    ctx.settings.baseBranch ?? tracker.getRepository().then((repository) => repository.defaultBranch),
  ]);
  const at = pull ? "deliver" : "prepare";
  const reason = pull
    ? `no record here of ${agentId}'s claim on #${issue.number}, and its pull request #${pull.number} is open: finishing the delivery`
    : `no record here of ${agentId}'s claim on #${issue.number} (made by a loop elsewhere): continuing from what was pushed`;
  const item = store.createWorkItem({
    runId: ctx.runId,
    issueNumber: issue.number,
    state: at,
    branch,
    claimEpoch: lease.epoch,
    expected: { issueNumber: issue.number, login, agentLabel: agentId, epoch: lease.epoch, branch },
    detail: { title: issue.title, restart: { action: "resume", reason, from: "github" } },
  });
  ctx.deps.audit.set({ runId: ctx.runId, workItemId: item.id });
  ctx.deps.emit({ type: "restart", issue: issue.number, decision: "resume", reason });
  return {
    item,
    issue,
    login,
    baseBranch,
    branch,
    worktree: worktreePathFor(ctx.settings.root, issue),
    leaseSha: sha,
  };
}
