import { readClaimHolder } from "../../core/read-claim-holder.js";
import { ClaimLostError } from "../../errors/index.js";
import type { VerifyOutcome } from "../../domain/pull-request-body.js";
import type { LoopContext, StepResult, Work } from "../work-context.js";
import { advance } from "../work-context.js";
import { publishRework } from "../review/publish-rework.js";
import { ensureWorktree } from "./ensure-worktree.js";
import { tailOf } from "./failure.js";

/** verify → deliver, or a failed attempt: the configured command gates delivery. */
export async function verify(ctx: LoopContext, work: Work): Promise<StepResult> {
  const pushed = work.item.kind === "rework" ? await publishRework(ctx, work) : await pushWork(ctx, work);
  const command = ctx.settings.verify;
  if (!command || command.length === 0) {
    const next = advance(
      ctx,
      pushed,
      { to: "deliver", detail: { verify: { kind: "not-configured" } satisfies VerifyOutcome } },
      "no verify command configured",
    );
    return { kind: "next", work: next };
  }
  const result = await ctx.deps.runner.run(command, work.worktree);
  const text = command.join(" ");
  if (result.exitCode !== 0) {
    const failure = {
      errorClass: "verify-failure" as const,
      reason: `verify failed: \`${text}\` exited ${result.exitCode}`,
      tail: tailOf(result.output),
    };
    return { kind: "failed", work: pushed, failure };
  }
  const outcome: VerifyOutcome = { kind: "passed", command: text, seconds: result.durationMs / 1000 };
  return {
    kind: "next",
    work: advance(ctx, pushed, { to: "deliver", detail: { verify: outcome } }, `verify passed: ${text}`),
  };
}

/**
 * The agent's commits go to the remote before verify runs (which can take long): from here on
 * the work survives whatever happens to this machine. Delivery pushes again if more was added.
 */
async function pushWork(ctx: LoopContext, work: Work): Promise<Work> {
  const workspace = await ensureWorktree(ctx, work);
  const head = await workspace.resolveRef("HEAD");
  if (!head || work.item.expected?.pushedSha === head) return work;
  await fenceIfLeaseLapsed(ctx, work);
  await ctx.deps.git.push("origin", work.branch);
  return advance(
    ctx,
    work,
    { to: "verify", expected: { ...work.item.expected, issueNumber: work.issue.number, pushedSha: head } },
    `pushed ${work.branch}`,
  );
}

/**
 * The fence before a push (design §3): when our lease may have lapsed — no heartbeat went through
 * for `lease_minutes` (this process was stopped, or restarted) — someone may have taken the claim
 * over and be continuing from our branch. One read settles it; a claim no longer ours throws
 * ClaimLostError, and the driver keeps the work beside our branch instead.
 */
async function fenceIfLeaseLapsed(ctx: LoopContext, work: Work): Promise<void> {
  const heldFor = work.leaseHeldAt === undefined ? Infinity : ctx.deps.now().getTime() - work.leaseHeldAt;
  if (heldFor <= ctx.settings.leaseMinutes * 60_000) return;
  const { claim } = await readClaimHolder(ctx.deps.tracker, work.issue.number, ctx.settings.agentId, work.leaseSha);
  if (claim.holder !== "us")
    throw new ClaimLostError(
      claim.holder === "other"
        ? `${claim.agent} took the claim on #${work.issue.number} over while our lease had lapsed`
        : `the claim on #${work.issue.number} was released while our lease had lapsed`,
    );
}
