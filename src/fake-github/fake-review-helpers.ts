import { ApiError, asPerson } from "./errors.js";
import { reviewCommentView, reviewView } from "./fake-views.js";
import { liveShas } from "./pull-ops.js";
import {
  addReviewComment,
  currentShas,
  prepareComment,
  replyToComment,
  requestReviewers,
  storeReview,
} from "./review-ops.js";
import type { IssueRecord, PullRecord, RepoState } from "./state.js";
import type { FakeReview, FakeReviewComment, ReviewCommentSeed, ReviewSeed } from "./types-reviews.js";

// FakeRepo's review helpers: "a person did this on github.com", under GitHub's own rules.

type Pull = IssueRecord & { pull: PullRecord };

/**
 * Seeding: the review is stored as given, even one GitHub would refuse (an author's own
 * approval), on the head the bare repository has now unless `commitId` says otherwise.
 * POST /pulls/{n}/reviews applies GitHub's rules. Without line comments it is stored before
 * this returns, so older tests that do not await it still see it; comments need the diff,
 * and are placed (all or none) before the review is stored.
 */
export function addReview(repo: RepoState, record: Pull, seed: ReviewSeed): Promise<FakeReview> {
  const fields = {
    author: seed.author,
    state: seed.state,
    body: seed.body ?? "",
    ...(seed.submittedAt === undefined ? {} : { submittedAt: seed.submittedAt.getTime() }),
  };
  if (!seed.comments?.length) {
    const review = storeReview(repo, record, { ...fields, commitId: seed.commitId ?? headNow(repo, record) });
    return Promise.resolve(reviewView(review));
  }
  const comments = seed.comments;
  return repo.mutex.run(() =>
    asPerson(async () => {
      const { head, base } = await currentShas(repo, record);
      const commit = seed.commitId ?? head;
      const placed = await Promise.all(
        comments.map((c) =>
          prepareComment(repo, { base, commit }, { ...c, author: seed.author, side: c.side ?? "RIGHT" }, "review"),
        ),
      );
      const review = storeReview(repo, record, { ...fields, commitId: commit });
      for (const comment of placed) record.pull.reviewComments.push({ ...comment, reviewId: review.id });
      return reviewView(review);
    }),
  );
}

/** The head as pushed, read synchronously, and what a push does (stale approvals) done first. */
function headNow(repo: RepoState, record: Pull): string {
  const branches = new Map<string, string>();
  for (const branch of [record.pull.headRef, record.pull.baseRef]) {
    const sha = repo.bare.branchShaSync(branch);
    if (sha) branches.set(branch, sha);
  }
  return liveShas(repo, record, branches).head;
}

export function dismissReview(repo: RepoState, record: Pull, reviewId: number): void {
  const review = record.pull.reviews.find((r) => r.id === reviewId);
  if (!review) throw new Error(`fake GitHub: #${record.number} has no review ${reviewId}`);
  review.state = "DISMISSED";
  repo.touch(record);
}

export async function addComment(repo: RepoState, record: Pull, seed: ReviewCommentSeed): Promise<FakeReviewComment> {
  if (seed.reviewId !== undefined && !record.pull.reviews.some((r) => r.id === seed.reviewId)) {
    throw new Error(`fake GitHub: #${record.number} has no review ${seed.reviewId}`);
  }
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
            ...(seed.reviewId === undefined ? {} : { reviewId: seed.reviewId }),
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
