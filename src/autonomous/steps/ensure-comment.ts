import type { LoopContext, Work } from "../work-context.js";
import { advance, recordedInDetail } from "../work-context.js";

/**
 * Comment once, whatever crashes (design §5: "once per event"). The comment's URL is
 * checkpointed under `key`; a crash after GitHub took the comment but before that checkpoint is
 * covered by an intent checkpoint written first and a hidden marker in the body: on replay, a
 * comment carrying the marker is found (one read, only then) instead of written again.
 */
export async function ensureComment(
  ctx: LoopContext,
  start: Work,
  comment: { target: number; key: string; body: string; /** How to name the target: `#12`, `PR #12`. */ name?: string },
): Promise<{ work: Work; url: string }> {
  let work = start;
  const name = comment.name ?? `#${comment.target}`;
  const posted = recordedInDetail(ctx, work, comment.key);
  if (typeof posted === "string") return { work, url: posted };
  const intent = `${comment.key}Posting`;
  const marker = `<!-- my-little-soda:${comment.key}:${work.item.id} -->`;
  let url: string | undefined;
  if (recordedInDetail(ctx, work, intent) !== undefined) {
    const existing = await ctx.deps.review.listConversationComments(comment.target);
    url = existing.find((candidate) => candidate.body.includes(marker))?.url;
  } else {
    work = advance(ctx, work, { to: work.item.state, detail: { [intent]: comment.target } }, `commenting on ${name}`);
  }
  url ??= (await ctx.deps.tracker.createComment(comment.target, `${comment.body.trimEnd()}\n\n${marker}\n`)).url;
  work = advance(ctx, work, { to: work.item.state, detail: { [comment.key]: url } }, `commented on ${name}`);
  return { work, url };
}
