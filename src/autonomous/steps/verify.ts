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
  await ctx.deps.git.push("origin", work.branch);
  return advance(
    ctx,
    work,
    { to: "verify", expected: { ...work.item.expected, issueNumber: work.issue.number, pushedSha: head } },
    `pushed ${work.branch}`,
  );
}
