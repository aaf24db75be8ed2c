import { redactText } from "./redact-secrets.js";

export interface EscalationInput {
  agentId: string;
  reason: string;
  attempts: number;
  /** The branch holding the agent's work on the remote, when it was pushed. */
  branch: string | undefined;
  /** The last lines of the agent's (or verify command's) output. */
  tail: string;
  /** Values that must never appear (the token); token-shaped text is redacted as well. */
  secrets: readonly string[];
}

const MAX_TAIL_LINES = 30;

/**
 * The one comment an escalation leaves on its issue (design §5): what failed, where the work
 * is, and the end of the log, so a person can take over without opening the machine's logs.
 */
export function escalationComment(input: EscalationInput): string {
  const tail = redactText(input.tail, input.secrets).trimEnd().split("\n").slice(-MAX_TAIL_LINES).join("\n");
  const fence = "`".repeat(Math.max(3, longestBacktickRun(tail) + 1));
  const lines = [
    `🥤 **my-little-soda handed this issue to a person** (\`route:human-only\`).`,
    "",
    `${input.agentId} tried ${input.attempts} time${input.attempts === 1 ? "" : "s"}; the last attempt failed: ${input.reason}.`,
    input.branch
      ? `The work so far is on the branch \`${input.branch}\`.`
      : "No commits were made, so there is no branch to look at.",
    "Remove `route:human-only` (and add `route:ready`) to put it back in the queue.",
  ];
  if (tail.trim() !== "")
    lines.push("", "<details><summary>End of the log</summary>", "", `${fence}text`, tail, fence, "", "</details>");
  return `${lines.join("\n")}\n`;
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
}
