import { ConfigError } from "../../errors/index.js";
import type { LoopContext, StepResult, Work } from "../work-context.js";
import { advance, recordedInDetail } from "../work-context.js";
import { ensureWorktree } from "./ensure-worktree.js";
import type { AttemptFailure } from "./failure.js";
import type { AgentRecord } from "./run-agent-step.js";

/**
 * check-evidence → verify, or a failed attempt (design §5 "Evidence"): the agent succeeded only
 * if it exited 0 and the branch has new commits. Whatever it left uncommitted is committed
 * first, as work in progress, success or not, so nothing is lost.
 */
export async function checkEvidence(ctx: LoopContext, work: Work): Promise<StepResult> {
  const agent = recordedInDetail(ctx, work, "agent") as AgentRecord | undefined;
  const workspace = await ensureWorktree(ctx, work);
  // Staging everything would mark conflicted files resolved, markers and all.
  const unresolved = (await workspace.mergeInProgress()) ? await workspace.unmergedFiles() : [];
  if (unresolved.length > 0) {
    await workspace.abortMerge();
    const reason = `the agent left conflicts unresolved in ${unresolved.join(", ")}`;
    return { kind: "failed", work, failure: { errorClass: "merge-conflict", reason, tail: agent?.tail ?? "" } };
  }
  const wip = await workspace.commitAll(
    `WIP: work left uncommitted by the agent on #${work.issue.number}\n\nCommitted by my-little-soda so that nothing is lost.`,
  );
  const head = await workspace.resolveRef("HEAD");
  const start = work.item.headSha ?? `origin/${work.baseBranch}`;
  const newCommits = await workspace.countCommitsAhead(start, "HEAD");

  if (!agent || agent.outcome === "aborted") {
    const next = advance(
      ctx,
      work,
      { to: "run-agent", headSha: work.item.headSha ?? null, detail: { interrupted: true, wip: wip ?? null } },
      "the agent was interrupted; it runs again",
    );
    return { kind: "next", work: next };
  }
  if (agent.outcome === "spawn-failed") {
    // A command that cannot start fails every issue alike: stop the loop, keep the claim.
    const next = advance(
      ctx,
      work,
      { to: "run-agent", detail: { spawnFailed: true } },
      "the agent command could not start",
    );
    const error = new ConfigError(`the agent command could not start: ${agent.tail.trim().split("\n").pop() ?? ""}`, {
      hint: "check [autonomous] agent_command in my-little-soda.toml (or --agent-cmd): the program must exist on PATH",
    });
    return { kind: "fatal", work: next, error };
  }
  const failure = judge(agent, newCommits);
  if (failure) return { kind: "failed", work, failure };
  const next = advance(
    ctx,
    work,
    { to: "verify", headSha: head ?? null, detail: { newCommits, wip: wip ?? null } },
    `${newCommits} new commit${newCommits === 1 ? "" : "s"}${wip ? " (uncommitted leftovers committed as WIP)" : ""}`,
  );
  return { kind: "next", work: next };
}

function judge(agent: AgentRecord, newCommits: number): AttemptFailure | undefined {
  if (agent.outcome === "spend-limit") {
    const reason = agent.spendLimit ?? "the agent passed its cost limit and was stopped";
    return { errorClass: "spend-limit", reason, tail: agent.tail };
  }
  if (agent.outcome === "timeout" || agent.outcome === "idle-timeout") {
    const what = agent.outcome === "timeout" ? "ran past its time limit" : "printed nothing for too long";
    return { errorClass: "agent-timeout", reason: `the agent ${what} and was stopped`, tail: agent.tail };
  }
  if (agent.exitCode !== 0) {
    return {
      errorClass: "agent-failure",
      reason: `the agent exited ${agent.exitCode ?? `on ${agent.signal}`}`,
      tail: agent.tail,
    };
  }
  if (newCommits === 0)
    return { errorClass: "agent-failure", reason: "the agent exited 0 but made no commits", tail: agent.tail };
  return undefined;
}
