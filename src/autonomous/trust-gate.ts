import type { Issue } from "../domain/issue.js";
import { canWrite } from "../domain/review/facts.js";
import {
  judgeTrust,
  loginsToCheck,
  reapprovalComment,
  type TrustFacts,
  type TrustVerdict,
} from "../domain/trust-gate.js";
import type { LoopContext } from "./work-context.js";

/**
 * The trust gate for the one candidate about to be claimed (design §5 "Trust gate"; never for the
 * whole queue, design §9): its events (a 304 while nothing changed), permissions (read once per
 * process), and — only when the approver is trusted — its body's edit history (one GraphQL query).
 */
export async function judgeCandidate(ctx: LoopContext, issue: Issue): Promise<TrustVerdict | undefined> {
  const { review } = ctx.deps;
  if (!ctx.settings.trust.enabled) return undefined;
  const allowed = new Set(ctx.settings.trust.trustedUsers.map((login) => login.toLowerCase()));
  const base: TrustFacts = {
    labels: issue.labels,
    createdAt: issue.createdAt,
    events: await review.listIssueEvents(issue.number),
    bodyEdits: { author: undefined, edits: [], truncated: false },
  };
  const trusted = new Set<string>();
  const resolve = async (facts: TrustFacts) => {
    for (const login of loginsToCheck(facts)) {
      if (allowed.has(login.toLowerCase()) || canWrite(await review.getPermission(login))) trusted.add(login);
    }
    return judgeTrust(facts, (login) => trusted.has(login));
  };
  const first = await resolve(base);
  // Without a trusted approval, who edited the body does not matter: the query is saved.
  if (first.kind === "untrusted") return first;
  return resolve({ ...base, bodyEdits: await review.listBodyEdits(issue.number) });
}

/**
 * Note the refusal for `status` and ask for re-approval once per approval: the intent is stored
 * before the comment is posted and a hidden marker goes in it, so after a crash in between the
 * comment is looked for (one read, only then) instead of posted twice.
 */
export async function refuseCandidate(
  ctx: LoopContext,
  issue: Issue,
  verdict: Extract<TrustVerdict, { kind: "untrusted" }>,
): Promise<{ commented: boolean }> {
  const { store, tracker, review } = ctx.deps;
  const approval = verdict.approval ? String(verdict.approval.eventId) : "none";
  const refusal = store.recordTrustRefusal({ issueNumber: issue.number, approval, reason: verdict.reason });
  if (refusal.commentUrl !== undefined) return { commented: false };
  const marker = `<!-- my-little-soda:trust-gate:${issue.number}:${approval} -->`;
  let url: string | undefined;
  if (refusal.commentPosting) {
    url = (await review.listConversationComments(issue.number)).find((comment) => comment.body.includes(marker))?.url;
  } else {
    store.markTrustCommentPosting(issue.number);
  }
  if (url === undefined) {
    const body = reapprovalComment({
      agentId: ctx.settings.agentId,
      reason: verdict.reason,
      label: verdict.approval?.label,
    });
    url = (await tracker.createComment(issue.number, `${body}\n\n${marker}\n`)).url;
  }
  store.markTrustCommentPosted(issue.number, url);
  return { commented: true };
}
