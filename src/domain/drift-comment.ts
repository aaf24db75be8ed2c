import type { Drift } from "./drift.js";

const WHAT: Record<string, string> = {
  "issue-closed": "the issue was closed",
  "issue-deleted": "the issue was deleted",
  reassigned: "the issue was assigned to someone else",
  "human-only-added": "the issue was labelled `route:human-only`",
  "claim-lost": "the claim was released",
  "claim-taken-over": "another agent took the claim over",
  "branch-rewritten": "the branch was rewritten on GitHub",
  "pr-closed": "the pull request was closed without merging",
  "pr-merged": "the pull request was merged",
  "review-label-removed": "`route:review` was taken off the pull request",
};

/** The one comment a critical drift leaves (design §5): what was found, and where the work is. */
export function driftComment(input: { agentId: string; drift: Drift; branch: string | undefined }): string {
  const what = WHAT[input.drift.kind] ?? input.drift.kind;
  const where = input.branch
    ? `Its work so far is on the branch \`${input.branch}\`.`
    : "It had made no commits, so there is no branch to look at.";
  return `🥤 **my-little-soda stopped working on this issue**: ${what} while ${input.agentId} was on it.\n\n${where} The claim is released; nothing else will happen here unless the issue is queued again (\`route:ready\`).\n`;
}
