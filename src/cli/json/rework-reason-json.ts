import { stripHiddenText } from "../../domain/preview.js";
import { summariseReason } from "../../domain/review/describe-rework-reasons.js";
import type { FailingCheck, ReworkReason } from "../../domain/review/verdict.js";

interface CommentJson {
  id: number;
  author: string;
  body: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  url: string;
}

/** A reason for rework in `--json`: its one-line summary, and what the agent is given about it. */
export type ReworkReasonJson = { summary: string } & (
  | { kind: "ci-failed"; checks: FailingCheck[] }
  | {
      kind: "changes-requested";
      reviews: Array<{ author: string; body: string }>;
      lineComments: Array<CommentJson & { path: string; line: number | null; diffHunk: string }>;
      conversation: CommentJson[];
    }
  | { kind: "conflict"; baseBranch: string; files: string[] }
  | { kind: "behind-base"; baseBranch: string }
);

/**
 * What people and CI wrote loses hidden comments and invisible characters, as in the Markdown the
 * agent gets: anyone who can comment could hide instructions there.
 */
export function reworkReasonJson(reason: ReworkReason): ReworkReasonJson {
  const summary = summariseReason(reason);
  switch (reason.kind) {
    case "ci-failed":
      return {
        summary,
        kind: reason.kind,
        checks: reason.checks.map((check) => ({ ...check, output: stripHiddenText(check.output) })),
      };
    case "changes-requested":
      return {
        summary,
        kind: reason.kind,
        reviews: reason.reviews.map((review) => ({ ...review, body: stripHiddenText(review.body) })),
        lineComments: reason.lineComments.map((comment) => ({
          ...comment,
          body: stripHiddenText(comment.body),
          createdAt: comment.createdAt.toISOString(),
        })),
        conversation: reason.conversation.map((comment) => ({
          ...comment,
          body: stripHiddenText(comment.body),
          createdAt: comment.createdAt.toISOString(),
        })),
      };
    default:
      return { summary, ...reason };
  }
}
