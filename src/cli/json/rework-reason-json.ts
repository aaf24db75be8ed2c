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

export function reworkReasonJson(reason: ReworkReason): ReworkReasonJson {
  const summary = summariseReason(reason);
  if (reason.kind !== "changes-requested") return { summary, ...reason };
  return {
    summary,
    kind: reason.kind,
    reviews: reason.reviews,
    lineComments: reason.lineComments.map((comment) => ({ ...comment, createdAt: comment.createdAt.toISOString() })),
    conversation: reason.conversation.map((comment) => ({ ...comment, createdAt: comment.createdAt.toISOString() })),
  };
}
