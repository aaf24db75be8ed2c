import { claimNext } from "./claim-next.js";
import { takeOverNext } from "./take-over-next.js";
import type { IssueOutcome } from "./loop-types.js";
import { escalateReview } from "./review/escalate-review.js";
import type { ReviewWatch } from "./review/review-watch.js";
import { startReviewWork } from "./review/start-review-work.js";
import type { LoopContext, Work } from "./work-context.js";

export type NextWork =
  | { kind: "work"; work: Work }
  /** Something the review watch found was dealt with on the spot (a pull request handed to people). */
  | { kind: "handled"; issue: number; outcome: IssueOutcome; reason: string }
  /** Every candidate was claimed by someone else first: look again. */
  | { kind: "lost" }
  | { kind: "empty"; reason: string };

/**
 * What the loop does next: a new issue from the queue, or one of our pull requests in review that
 * needs rework or can land — in the order `[review] order` sets (rework first by default: work
 * already in people's hands is finished before new work is started).
 */
export async function nextWork(ctx: LoopContext, watch: ReviewWatch | undefined): Promise<NextWork> {
  const reviewFirst = watch !== undefined && ctx.settings.review.order === "rework-first";
  if (reviewFirst) {
    const found = await fromReview(ctx, watch);
    if (found) return found;
  }
  // An abandoned claim is older work than anything in the queue: continued first.
  const takenOver = await takeOverNext(ctx);
  if (takenOver) return { kind: "work", work: takenOver };
  // Reconcile checked that no claim is held, and every issue since ended by releasing its own.
  const claimed = await claimNext(ctx, { knownFree: true });
  if (claimed.kind === "claimed") return { kind: "work", work: claimed.work };
  if (claimed.kind === "lost") return { kind: "lost" };
  if (watch && !reviewFirst) {
    const found = await fromReview(ctx, watch);
    if (found) return found;
  }
  return { kind: "empty", reason: claimed.reason };
}

async function fromReview(ctx: LoopContext, watch: ReviewWatch): Promise<NextWork | undefined> {
  for (const action of await watch.poll()) {
    watch.forget(action.own.pull.number);
    const work = await startReviewWork(ctx, action);
    if (!work) continue;
    if (action.kind !== "escalate") return { kind: "work", work };
    const max = ctx.settings.review.maxReworkRounds;
    const reason = `${action.rounds} rework round${action.rounds === 1 ? "" : "s"} spent (max_rework_rounds = ${max}) and the pull request still needs changes`;
    const cause = { kind: "rounds-spent" as const, rounds: action.rounds };
    await escalateReview(ctx, work, { cause, reason, reasons: action.assessment.reasons });
    return { kind: "handled", issue: work.issue.number, outcome: "escalated", reason };
  }
  return undefined;
}
