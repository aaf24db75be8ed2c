import { stripHiddenText } from "../preview.js";
import { canWrite, type PermissionLevel } from "./facts.js";
import type { ConversationCommentFact, ReviewCommentFact, ReviewFact } from "./facts.js";

export interface FeedbackContext {
  /** The pull request's current head: reviews of older heads neither approve nor ask for changes. */
  headSha: string;
  /** The loop's last push: comments older than this were answered by it. */
  since: Date;
  /** Our own login: what we wrote is never feedback to ourselves. */
  viewer: string;
  permissionOf: (login: string) => PermissionLevel;
}

export interface Feedback {
  /** Writers whose latest review is CHANGES_REQUESTED on the current head. */
  changesRequested: Array<{ author: string; body: string }>;
  lineComments: ReviewCommentFact[];
  conversation: ConversationCommentFact[];
  /** Writers whose latest review is APPROVED on the current head. */
  approvals: string[];
  changesRequestedBy: string[];
  /**
   * Writers whose latest review asked for changes on an earlier head and who have not reviewed
   * since: the rework answered them, but GitHub still counts their objection until they review
   * again, and so do we before landing.
   */
  changesRequestedEarlier: string[];
}

/** Review states that settle where a person stands; a later COMMENTED review changes nothing, as on github.com. */
const DECISIVE = new Set(["APPROVED", "CHANGES_REQUESTED", "DISMISSED"]);

/**
 * What people with write access asked of the pull request's current head. Only they steer the
 * loop: anyone can comment on a public repository, and every comment reaches the agent's prompt.
 * Apps (`…[bot]`) never do either: a coverage or lint bot comments after every push, and
 * answering it with a rework would push again, in a loop.
 */
export function collectFeedback(
  reviews: readonly ReviewFact[],
  lineComments: readonly ReviewCommentFact[],
  conversation: readonly ConversationCommentFact[],
  context: FeedbackContext,
): Feedback {
  const counts = (login: string) => isPerson(login, context.viewer) && canWrite(context.permissionOf(login));
  const fresh = (comment: { author: string; body: string; createdAt: Date }) =>
    counts(comment.author) &&
    comment.createdAt.getTime() >= context.since.getTime() &&
    stripHiddenText(comment.body).trim() !== "";

  const latest = [...latestDecisiveReviews(reviews).values()].filter((review) => counts(review.author));
  const onHead = latest.filter((review) => review.commitId === context.headSha);
  const changesRequested = onHead
    .filter((review) => review.state === "CHANGES_REQUESTED")
    .map((review) => ({ author: review.author, body: review.body }));

  return {
    changesRequested,
    lineComments: lineComments.filter(fresh),
    conversation: conversation.filter(fresh),
    approvals: onHead.filter((review) => review.state === "APPROVED").map((review) => review.author),
    changesRequestedBy: changesRequested.map((review) => review.author),
    changesRequestedEarlier: latest
      .filter((review) => review.state === "CHANGES_REQUESTED" && review.commitId !== context.headSha)
      .map((review) => review.author),
  };
}

/**
 * The logins whose permission `collectFeedback` will ask for, so the caller can look each up
 * once beforehand (the permission port is asynchronous, the rules are not).
 */
export function feedbackAuthors(
  reviews: readonly ReviewFact[],
  lineComments: readonly ReviewCommentFact[],
  conversation: readonly ConversationCommentFact[],
  context: Pick<FeedbackContext, "since" | "viewer">,
): string[] {
  const commenters = [...lineComments, ...conversation]
    .filter((comment) => comment.createdAt.getTime() >= context.since.getTime())
    .map((comment) => comment.author);
  const reviewers = [...latestDecisiveReviews(reviews).keys()];
  return [...new Set([...reviewers, ...commenters])].filter((login) => isPerson(login, context.viewer));
}

/** Each author's latest approving, change-requesting or dismissed review, in time order. */
function latestDecisiveReviews(reviews: readonly ReviewFact[]): Map<string, ReviewFact> {
  const byAuthor = new Map<string, ReviewFact>();
  const ordered = reviews
    .filter((review) => DECISIVE.has(review.state))
    .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || a.id - b.id);
  for (const review of ordered) byAuthor.set(review.author, review);
  return byAuthor;
}

/** Someone other than us and not an app. Logins are case-insensitive on GitHub. */
function isPerson(login: string, viewer: string): boolean {
  return login.toLowerCase() !== viewer.toLowerCase() && !login.endsWith("[bot]");
}
