// Public types for pull request reviews, review comments and review requests.

/** PENDING is a review started but not submitted; only its author sees it. */
export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";

export type DiffSide = "LEFT" | "RIGHT";

export interface FakeReview {
  readonly id: number;
  readonly author: string;
  readonly state: ReviewState;
  readonly body: string;
  /** The head the review was given on: an approval of an older head stays on that sha. */
  readonly commitId: string;
  readonly submittedAt: Date | null;
}

export interface ReviewSeed {
  author: string;
  state: ReviewState;
  body?: string;
  /** Defaults to the pull request's head as it is in the bare repository now. */
  commitId?: string;
  submittedAt?: Date;
  /** Line comments submitted with the review; each must land on a line of the diff. */
  comments?: Array<{ path: string; line: number; side?: DiffSide; body: string }>;
}

export interface ReviewCommentSeed {
  author: string;
  path: string;
  line: number;
  side?: DiffSide;
  body: string;
  /** Defaults to the pull request's current head. */
  commitId?: string;
  /** Answer an existing comment: its path and line are taken over, as GitHub does. */
  inReplyTo?: number;
  /** File it under this review (from `addReview`) rather than under a review of its own. */
  reviewId?: number;
}

export interface FakeReviewComment {
  readonly id: number;
  readonly reviewId: number | null;
  readonly author: string;
  readonly path: string;
  readonly line: number;
  readonly side: DiffSide;
  readonly body: string;
  readonly commitId: string;
  readonly inReplyTo: number | null;
}

/** FakeRepo's review helpers: a person reviewing on github.com, under GitHub's rules. */
export interface FakeRepoReviews {
  /**
   * Seeds a review on the head the bare repository has now (or `commitId`), stored as given,
   * even an author's own approval (POST /pulls/{n}/reviews refuses that). Without comments it
   * is stored before the call returns; with comments, once they are placed on the diff.
   */
  addReview(number: number, review: ReviewSeed): Promise<FakeReview>;
  dismissReview(number: number, reviewId: number): void;
  addReviewComment(number: number, comment: ReviewCommentSeed): Promise<FakeReviewComment>;
  /** The author (or someone with write access) asks these people for a review. */
  requestReviewers(number: number, logins: string[]): void;
}
