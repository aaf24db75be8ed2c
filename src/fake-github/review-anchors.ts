import type { ApiError } from "./errors.js";
import { unprocessableEntity, validationFailed } from "./errors.js";
import { anchorLine, type LineAnchor } from "./pull-diff.js";
import type { ReviewCommentRecord, RepoState } from "./state.js";
import type { DiffSide } from "./types-reviews.js";

// Placing line comments on a pull request's diff, and finding them again after later pushes:
// a comment whose line changed (or left the diff) becomes outdated (`line: null`), as on GitHub.

export interface CurrentAnchor {
  line: number | null;
  position: number | null;
  commitId: string;
}

/** The two wordings GitHub uses: a lone comment's validation error, or a review's sentence. */
export type AnchorErrorStyle = "comment" | "review";

function notInDiff(style: AnchorErrorStyle, what: "path" | "line"): ApiError {
  if (style === "review") {
    return unprocessableEntity(
      what === "line"
        ? "Pull request review thread line must be part of the diff"
        : "Pull request review thread diff hunk can't be blank",
    );
  }
  return validationFailed({
    resource: "PullRequestReviewComment",
    code: "custom",
    field: `pull_request_review_thread.${what}`,
    message: "could not be resolved",
  });
}

export async function placeComment(
  repo: RepoState,
  shas: { base: string; commit: string },
  target: { path: string; line: number; side: DiffSide },
  style: AnchorErrorStyle,
): Promise<LineAnchor> {
  const diff = await repo.gitAnswers.pullDiff(shas.base, shas.commit);
  const file = diff.get(target.path);
  if (!file) throw notInDiff(style, "path");
  const anchor = anchorLine(file, target.line, target.side);
  if (!anchor) throw notInDiff(style, "line");
  return anchor;
}

export async function currentAnchor(
  repo: RepoState,
  comment: ReviewCommentRecord,
  shas: { head: string; base: string | null },
): Promise<CurrentAnchor> {
  const original = {
    line: comment.originalLine,
    position: comment.originalPosition,
    commitId: comment.originalCommitId,
  };
  if (comment.originalCommitId === shas.head) return original;
  const outdated = { line: null, position: null, commitId: comment.originalCommitId };
  if (shas.base === null) return outdated;
  const diff = await repo.gitAnswers.pullDiff(shas.base, shas.head).catch(() => null);
  const anchor = anchorLine(diff?.get(comment.path), comment.originalLine, comment.side);
  if (!anchor || anchor.text !== comment.lineText) return outdated;
  return { line: comment.originalLine, position: anchor.position, commitId: shas.head };
}
