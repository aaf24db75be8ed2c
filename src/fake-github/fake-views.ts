import type { IssueRecord, PullRecord, RepoState, ReviewCommentRecord, ReviewRecord } from "./state.js";
import type { FakeComment, FakeIssue, FakePull, IssueState } from "./types.js";
import type { FakeReview, FakeReviewComment } from "./types-reviews.js";

// Live read-only views for assertions: each getter reads the record as it is now.

export function reviewView(r: ReviewRecord): FakeReview {
  const submittedAt = r.submittedAt === null ? null : new Date(r.submittedAt);
  return { id: r.id, author: r.author, state: r.state, body: r.body, commitId: r.commitId, submittedAt };
}

/** Where the comment was written; GET /pulls/{n}/comments re-anchors it on the current head. */
export function reviewCommentView(c: ReviewCommentRecord): FakeReviewComment {
  return {
    id: c.id,
    reviewId: c.reviewId,
    author: c.author,
    path: c.path,
    line: c.originalLine,
    side: c.side,
    body: c.body,
    commitId: c.originalCommitId,
    inReplyTo: c.inReplyToId,
  };
}

export class FakeIssueView implements FakeIssue {
  constructor(
    protected readonly repo: RepoState,
    protected readonly record: IssueRecord,
  ) {}

  get number(): number {
    return this.record.number;
  }
  get title(): string {
    return this.record.title;
  }
  get body(): string | null {
    return this.record.body;
  }
  get state(): IssueState {
    return this.record.state;
  }
  get stateReason(): string | null {
    return this.record.stateReason;
  }
  get labels(): string[] {
    return this.repo.labelNames(this.record);
  }
  get assignees(): string[] {
    return [...this.record.assignees];
  }
  get author(): string {
    return this.record.author;
  }
  get isPullRequest(): boolean {
    return this.record.pull !== null;
  }
  get comments(): FakeComment[] {
    return this.record.comments.map((c) => ({ author: c.author, body: c.body }));
  }
  get createdAt(): Date {
    return new Date(this.record.createdAt);
  }
  get updatedAt(): Date {
    return new Date(this.record.updatedAt);
  }
  get closedAt(): Date | null {
    return this.record.closedAt === null ? null : new Date(this.record.closedAt);
  }

  /** Readable in vitest diffs instead of an empty class instance. */
  toJSON(): Record<string, unknown> {
    const { number, title, state, labels, assignees, isPullRequest } = this;
    return { number, title, state, labels, assignees, isPullRequest };
  }
}

export class FakePullView extends FakeIssueView implements FakePull {
  private get pull(): PullRecord {
    if (!this.record.pull) throw new Error(`#${this.record.number} is not a pull request`);
    return this.record.pull;
  }

  get headRef(): string {
    return this.pull.headRef;
  }
  get baseRef(): string {
    return this.pull.baseRef;
  }
  get headSha(): string {
    return this.pull.headSha;
  }
  get draft(): boolean {
    return this.pull.draft;
  }
  get merged(): boolean {
    return this.pull.merged;
  }
  get mergedAt(): Date | null {
    return this.pull.mergedAt === null ? null : new Date(this.pull.mergedAt);
  }
  get mergeCommitSha(): string | null {
    return this.pull.mergeCommitSha;
  }
  get reviews(): FakeReview[] {
    return this.pull.reviews.map(reviewView);
  }
  get reviewComments(): FakeReviewComment[] {
    return this.pull.reviewComments.map(reviewCommentView);
  }
  get requestedReviewers(): string[] {
    return [...this.pull.requestedReviewers];
  }
}
