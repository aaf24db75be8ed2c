import type { VerifyOutcome } from "../../domain/pull-request-body.js";
import type { LoopContext, Work } from "../work-context.js";
import { advance } from "../work-context.js";
import { ensureWorktree } from "./ensure-worktree.js";
import { tailOf, type AttemptFailure } from "./failure.js";

/** verify → deliver, or a failed attempt: the configured command gates delivery. */
export async function verify(ctx: LoopContext, work: Work): Promise<AttemptFailure | undefined> {
  const command = ctx.settings.verify;
  if (!command || command.length === 0) {
    advance(ctx, work, { to: "deliver", detail: { verify: { kind: "not-configured" } satisfies VerifyOutcome } }, "no verify command configured");
    return undefined;
  }
  await ensureWorktree(ctx, work);
  const result = await ctx.deps.runner.run(command, work.worktree);
  const text = command.join(" ");
  if (result.exitCode !== 0) {
    return { errorClass: "verify-failure", reason: `verify failed: \`${text}\` exited ${result.exitCode}`, tail: tailOf(result.output) };
  }
  const outcome: VerifyOutcome = { kind: "passed", command: text, seconds: result.durationMs / 1000 };
  advance(ctx, work, { to: "deliver", detail: { verify: outcome } }, `verify passed: ${text}`);
  return undefined;
}
