import { apiRepoUrl, htmlRepoUrl, isoSeconds } from "./render.js";
import type { CurrentAnchor } from "./review-anchors.js";
import type { IssueRecord, RepoState, ReviewCommentRecord, ReviewRecord } from "./state.js";

export function renderReview(repo: RepoState, issue: IssueRecord, review: ReviewRecord): Record<string, unknown> {
  const html = `${htmlRepoUrl(repo)}/pull/${issue.number}#pullrequestreview-${review.id}`;
  const pullUrl = `${apiRepoUrl(repo)}/pulls/${issue.number}`;
  const json: Record<string, unknown> = {
    id: review.id,
    node_id: `PRR_${review.id}`,
    user: repo.world.users.json(review.author),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: repo.authorAssociation(review.author),
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    commit_id: review.commitId,
  };
  // A pending review has not been submitted, and GitHub leaves the field out.
  if (review.submittedAt !== null) json["submitted_at"] = isoSeconds(review.submittedAt);
  return json;
}

export function renderReviewComment(
  repo: RepoState,
  issue: IssueRecord,
  comment: ReviewCommentRecord,
  anchor: CurrentAnchor,
): Record<string, unknown> {
  const url = `${apiRepoUrl(repo)}/pulls/comments/${comment.id}`;
  const html = `${htmlRepoUrl(repo)}/pull/${issue.number}#discussion_r${comment.id}`;
  const pullUrl = `${apiRepoUrl(repo)}/pulls/${issue.number}`;
  const json: Record<string, unknown> = {
    url,
    pull_request_review_id: comment.reviewId,
    id: comment.id,
    node_id: `PRRC_${comment.id}`,
    diff_hunk: comment.diffHunk,
    path: comment.path,
    position: anchor.position,
    original_position: comment.originalPosition,
    commit_id: anchor.commitId,
    original_commit_id: comment.originalCommitId,
    user: repo.world.users.json(comment.author),
    body: comment.body,
    created_at: isoSeconds(comment.createdAt),
    updated_at: isoSeconds(comment.updatedAt),
    html_url: html,
    pull_request_url: pullUrl,
    author_association: repo.authorAssociation(comment.author),
    _links: { self: { href: url }, html: { href: html }, pull_request: { href: pullUrl } },
    start_line: null,
    original_start_line: null,
    start_side: null,
    line: anchor.line,
    original_line: comment.originalLine,
    side: comment.side,
    subject_type: "line",
  };
  if (comment.inReplyToId !== null) json["in_reply_to_id"] = comment.inReplyToId;
  return json;
}
