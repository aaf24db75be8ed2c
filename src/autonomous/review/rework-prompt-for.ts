import path from "node:path";
import { DEFAULT_REWORK_PROMPT } from "../../core/init/templates.js";
import { describeReworkReasons } from "../../domain/review/describe-rework-reasons.js";
import { buildReworkPrompt } from "../../domain/review/rework-prompt.js";
import type { LoopContext, Work } from "../work-context.js";
import { reworkPlanOf } from "./rework-plan.js";

/** The rework prompt: `.my-little-soda/rework.md` (or the default) filled in with this round's reasons. */
export async function reworkPromptFor(ctx: LoopContext, work: Work): Promise<string> {
  const plan = reworkPlanOf(ctx, work);
  const template = (await ctx.deps.files.read(path.join(ctx.settings.stateDir, "rework.md"))) ?? DEFAULT_REWORK_PROMPT;
  return buildReworkPrompt(template, {
    number: work.issue.number,
    title: work.issue.title,
    url: plan.pullUrl,
    pr: work.item.prNumber ?? 0,
    branch: work.branch,
    round: plan.round,
    maxRounds: ctx.settings.review.maxReworkRounds,
    reasons: describeReworkReasons(plan.reasons),
    issueBody: work.issue.body,
  });
}
