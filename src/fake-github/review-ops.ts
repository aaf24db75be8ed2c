import { ApiError, unprocessableEntity, validationFailed } from "./errors.js";
import { branchShas, liveShas } from "./pull-ops.js";
import { placeComment, type AnchorErrorStyle } from "./review-anchors.js";
import type { IssueRecord, PullRecord, RepoState, ReviewCommentRecord, ReviewRecord } from "./state.js";
import type { DiffSide, ReviewState } from "./types-reviews.js";

// Reviews, line comments and review requests, shared by the HTTP routes and FakeRepo, with
// GitHub's rules: no approving your own pull request, one pending review per person, a
// submitted review answers that person's review request.

type Pull = IssueRecord & { pull: PullRecord };

export interface ReviewInput {
  author: string;
  state: ReviewState;
  body: string;
  commitId?: string;
  submittedAt?: number;
  comments?: Array<{ path: string; line: number; side?: DiffSide; body: string }>;
}

export interface CommentInput {
  author: string;
  path: string;
  line: number;
  side: DiffSide;
  body: string;
  commitId?: string;
  reviewId?: number | null;
}

/** The head and base as the bare repository has them now (and the pull request follows them). */
export async function currentShas(repo: RepoState, issue: Pull): Promise<{ head: string; base: string }> {
  const { head, base } = liveShas(repo, issue, await branchShas(repo));
  if (base === null) throw new ApiError(422, "Base branch is gone");
  return { head, base };
}

async function commitOrHead(repo: RepoState, issue: Pull, commitId: string | undefined): Promise<string> {
  const { head } = await currentShas(repo, issue);
  if (commitId === undefined) return head;
  if ((await repo.bare.objectTypes([commitId])).get(commitId) !== "commit") {
    throw validationFailed({ resource: "PullRequestReview", code: "invalid", field: "commit_id" });
  }
  return commitId;
}

function checkReviewRules(issue: Pull, input: ReviewInput): void {
  const own = input.author.toLowerCase() === issue.author.toLowerCase();
  if (own && input.state === "APPROVED") throw unprocessableEntity("Can not approve your own pull request");
  if (own && input.state === "CHANGES_REQUESTED") {
    throw unprocessableEntity("Can not request changes on your own pull request");
  }
  const needsBody = input.state === "CHANGES_REQUESTED" || input.state === "COMMENTED";
  if (needsBody && input.body.trim() === "" && (input.comments ?? []).length === 0) {
    throw unprocessableEntity("Body can't be blank");
  }
  const pending = issue.pull.reviews.some(
    (r) => r.state === "PENDING" && r.author.toLowerCase() === input.author.toLowerCase(),
  );
  if (pending) throw unprocessableEntity("User can only have one pending review per pull request");
}

/** Stores a review as given; GitHub's rules are the caller's (submitReview, or a seeding helper). */
export function storeReview(
  repo: RepoState,
  issue: Pull,
  input: Omit<ReviewInput, "comments"> & { commitId: string },
): ReviewRecord {
  const author = repo.world.users.canonical(input.author);
  const review: ReviewRecord = {
    id: repo.world.nextId(),
    author,
    state: input.state,
    body: input.body,
    submittedAt: input.state === "PENDING" ? null : (input.submittedAt ?? Date.now()),
    commitId: input.commitId,
  };
  issue.pull.reviews.push(review);
  if (review.state !== "PENDING") {
    const others = issue.pull.requestedReviewers.filter((l) => l.toLowerCase() !== author.toLowerCase());
    issue.pull.requestedReviewers = others;
  }
  repo.touch(issue);
  return review;
}

export async function submitReview(repo: RepoState, issue: Pull, input: ReviewInput): Promise<ReviewRecord> {
  checkReviewRules(issue, input);
  const commitId = await commitOrHead(repo, issue, input.commitId);
  const { base } = await currentShas(repo, issue);
  // Every comment is placed before anything is stored, so a 422 leaves no half review behind.
  const comments = (input.comments ?? []).map((c) => ({ ...c, author: input.author, side: c.side ?? "RIGHT" }));
  const placed = await Promise.all(comments.map((c) => prepareComment(repo, { base, commit: commitId }, c, "review")));
  const review = storeReview(repo, issue, { ...input, commitId });
  for (const comment of placed) issue.pull.reviewComments.push({ ...comment, reviewId: review.id });
  return review;
}

/** A comment placed on the diff of `commit`, not stored yet. */
export async function prepareComment(
  repo: RepoState,
  shas: { base: string; commit: string },
  input: CommentInput,
  style: AnchorErrorStyle,
): Promise<ReviewCommentRecord> {
  const anchor = await placeComment(repo, shas, input, style);
  const now = Date.now();
  return {
    id: repo.world.nextId(),
    reviewId: input.reviewId ?? null,
    author: repo.world.users.canonical(input.author),
    path: input.path,
    side: input.side,
    originalLine: input.line,
    originalPosition: anchor.position,
    originalCommitId: shas.commit,
    lineText: anchor.text,
    diffHunk: anchor.diffHunk,
    body: input.body,
    inReplyToId: null,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * A lone line comment: GitHub files it under a review of its own, state COMMENTED. A seeding
 * helper may file it under an existing review instead (`reviewId`).
 */
export async function addReviewComment(
  repo: RepoState,
  issue: Pull,
  input: CommentInput,
): Promise<ReviewCommentRecord> {
  const commit = await commitOrHead(repo, issue, input.commitId);
  const { base } = await currentShas(repo, issue);
  const comment = await prepareComment(repo, { base, commit }, input, "comment");
  if (comment.reviewId === null) {
    const review = storeReview(repo, issue, { author: comment.author, state: "COMMENTED", body: "", commitId: commit });
    review.submittedAt = comment.createdAt;
    comment.reviewId = review.id;
  }
  issue.pull.reviewComments.push(comment);
  repo.touch(issue);
  return comment;
}

/** A reply takes over the thread's place in the diff; only its body is its own. */
export function replyToComment(repo: RepoState, issue: Pull, parentId: number, author: string, body: string) {
  const parent = issue.pull.reviewComments.find((c) => c.id === parentId);
  if (!parent) throw validationFailed({ resource: "PullRequestReviewComment", code: "invalid", field: "in_reply_to" });
  const now = Date.now();
  const reply: ReviewCommentRecord = {
    ...parent,
    id: repo.world.nextId(),
    author: repo.world.users.canonical(author),
    body,
    inReplyToId: parent.inReplyToId ?? parent.id,
    createdAt: now,
    updatedAt: now,
  };
  issue.pull.reviewComments.push(reply);
  repo.touch(issue);
  return reply;
}

export function requestReviewers(repo: RepoState, issue: Pull, logins: string[]): void {
  if (logins.some((login) => login.toLowerCase() === issue.author.toLowerCase())) {
    throw new ApiError(422, "Review cannot be requested from pull request author.");
  }
  if (!logins.every((login) => repo.isCollaborator(login))) {
    throw new ApiError(
      422,
      "Reviews may only be requested from collaborators. One or more of the users or teams you specified " +
        `is not a collaborator of the ${repo.fullName} repository.`,
    );
  }
  const current = issue.pull.requestedReviewers;
  for (const login of logins.map((l) => repo.world.users.canonical(l))) {
    if (!current.some((l) => l.toLowerCase() === login.toLowerCase())) current.push(login);
  }
  repo.touch(issue);
}

export function removeReviewRequests(repo: RepoState, issue: Pull, logins: string[]): void {
  const drop = new Set(logins.map((l) => l.toLowerCase()));
  issue.pull.requestedReviewers = issue.pull.requestedReviewers.filter((l) => !drop.has(l.toLowerCase()));
  repo.touch(issue);
}
