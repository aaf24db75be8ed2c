import { describeVerify, type VerifyOutcome } from "../pull-request-body.js";
import { redactText } from "../redact-secrets.js";
import { summariseReason } from "./describe-rework-reasons.js";
import type { ReworkReason } from "./verdict.js";

export interface ReworkCommentInput {
  agentId: string;
  round: number;
  maxRounds: number;
  reasons: readonly ReworkReason[];
  /** The commits this round added, oldest first. */
  commits: ReadonlyArray<{ sha: string; subject: string }>;
  verify: VerifyOutcome;
  /** Values that must never appear (the token); token-shaped text is redacted as well. */
  secrets: readonly string[];
  /** The head the round pushed: marked in the comment, so a re-run can tell it was left already. */
  head?: string;
}

const MAX_COMMITS = 10;

/** The one comment a rework round leaves on its pull request: what it answered, and with which commits. */
export function reworkComment(input: ReworkCommentInput): string {
  const shown = input.commits.slice(-MAX_COMMITS);
  const hidden = input.commits.length - shown.length;
  const lines = [
    `🥤 **my-little-soda reworked this pull request**: ${input.agentId}, round ${input.round} of ${input.maxRounds}.`,
    "",
    ...input.reasons.map((reason) => `- ${summariseReason(reason)}: ${answerTo(reason)}`),
    "",
    input.commits.length === 0 ? "No new commits." : "New commits:",
    ...(hidden > 0 ? [`- … ${hidden} earlier`] : []),
    ...shown.map((commit) => `- ${commit.sha.slice(0, 7)} ${commit.subject}`),
    "",
    `Verification: ${describeVerify(input.verify)}`,
    ...(input.head === undefined ? [] : ["", reworkMarker(input.head)]),
  ];
  return `${redactText(lines.join("\n"), input.secrets)}\n`;
}

/** An HTML comment (hidden on GitHub) naming the head a rework comment answers for. */
export function reworkMarker(head: string): string {
  return `<!-- my-little-soda:rework head=${head} -->`;
}

/** Whether a comment body is the rework comment left for this head. */
export function isReworkCommentFor(body: string, head: string): boolean {
  return body.includes(reworkMarker(head));
}

function answerTo(reason: ReworkReason): string {
  switch (reason.kind) {
    case "ci-failed":
    case "changes-requested":
      return "addressed";
    case "conflict":
      return "resolved";
    case "behind-base":
      return "branch updated";
  }
}

export type HandOverCause =
  { kind: "rounds-spent"; rounds: number } | { kind: "agent-failed"; round: number; maxRounds: number; detail: string };

export interface ReworkLimitInput {
  agentId: string;
  cause: HandOverCause;
  /** What is still open on the pull request. */
  reasons: readonly ReworkReason[];
  branch: string;
  secrets: readonly string[];
}

/** The comment that hands a pull request to a person (`route:human-only`): why, what is open, where the work is. */
export function reworkLimitComment(input: ReworkLimitInput): string {
  const { cause } = input;
  const why =
    cause.kind === "rounds-spent"
      ? `${input.agentId} has used all ${cause.rounds} rework round${cause.rounds === 1 ? "" : "s"} on this pull request.`
      : `${input.agentId}'s rework (round ${cause.round} of ${cause.maxRounds}) failed: ${cause.detail}.`;
  const lines = [
    "🥤 **my-little-soda handed this pull request to a person** (`route:human-only`).",
    "",
    why,
    ...(input.reasons.length > 0
      ? ["", "Still open:", ...input.reasons.map((reason) => `- ${summariseReason(reason)}`)]
      : []),
    "",
    `The work is on the branch \`${input.branch}\`. my-little-soda leaves this pull request alone while it is labelled \`route:human-only\`.`,
  ];
  return `${redactText(lines.join("\n"), input.secrets)}\n`;
}
