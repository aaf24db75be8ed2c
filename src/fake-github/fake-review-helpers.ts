import { ApiError, asPerson } from "./errors.js";
import { reviewCommentView, reviewView } from "./fake-views.js";
import { addReviewComment, replyToComment, requestReviewers, submitReview } from "./review-ops.js";
import type { IssueRecord, PullRecord, RepoState } from "./state.js";
import type { FakeReview, FakeReviewComment, ReviewCommentSeed, ReviewSeed } from "./types-reviews.js";

// FakeRepo's review helpers: "a person did this on github.com", under GitHub's own rules.

type Pull = IssueRecord & { pull: PullRecord };

export function addReview(repo: RepoState, record: Pull, seed: ReviewSeed): Promise<FakeReview> {
  const review = repo.mutex.run(() =>
    asPerson(() =>
      submitReview(repo, record, {
        author: seed.author,
        state: seed.state,
        body: seed.body ?? "",
        ...(seed.commitId === undefined ? {} : { commitId: seed.commitId }),
        ...(seed.submittedAt === undefined ? {} : { submittedAt: seed.submittedAt.getTime() }),
        ...(seed.comments === undefined ? {} : { comments: seed.comments }),
      }),
    ),
  );
  return review.then(reviewView);
}

export function dismissReview(repo: RepoState, record: Pull, reviewId: number): void {
  const review = record.pull.reviews.find((r) => r.id === reviewId);
  if (!review) throw new Error(`fake GitHub: #${record.number} has no review ${reviewId}`);
  review.state = "DISMISSED";
  repo.touch(record);
}

export async function addComment(repo: RepoState, record: Pull, seed: ReviewCommentSeed): Promise<FakeReviewComment> {
  const comment = await repo.mutex.run(() =>
    asPerson(() =>
      seed.inReplyTo !== undefined
        ? replyToComment(repo, record, seed.inReplyTo, seed.author, seed.body)
        : addReviewComment(repo, record, {
            author: seed.author,
            path: seed.path,
            line: seed.line,
            side: seed.side ?? "RIGHT",
            body: seed.body,
            ...(seed.commitId === undefined ? {} : { commitId: seed.commitId }),
          }),
    ),
  );
  return reviewCommentView(comment);
}

export function requestReviews(repo: RepoState, record: Pull, logins: string[]): void {
  try {
    requestReviewers(repo, record, logins);
  } catch (error) {
    if (error instanceof ApiError) throw new Error(`fake GitHub would refuse this: ${error.message}`);
    throw error;
  }
}
