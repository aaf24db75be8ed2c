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
  "dependency-added": "the issue was made to wait for another one",
};

/** The one comment a critical drift leaves (design §5): what was found, and where the work is. */
export function driftComment(input: { agentId: string; drift: Drift; branch: string | undefined }): string {
  const what = WHAT[input.drift.kind] ?? input.drift.kind;
  const where = input.branch
    ? `Its work so far is on the branch \`${input.branch}\`.`
    : "It had made no commits, so there is no branch to look at.";
  const found = input.drift.kind === "dependency-added" ? ` (it ${describeWaitFound(input.drift)})` : "";
  const next =
    input.drift.kind === "dependency-added"
      ? "The claim is released and the issue is back in the queue (`route:ready`): it will be worked again once what it waits for is done."
      : "The claim is released; nothing else will happen here unless the issue is queued again (`route:ready`).";
  return `🥤 **my-little-soda stopped working on this issue**: ${what}${found} while ${input.agentId} was on it.\n\n${where} ${next}\n`;
}

function describeWaitFound(drift: Drift): string {
  const waitsFor = drift.found["waitsFor"];
  return typeof waitsFor === "string" ? `now waits for ${waitsFor}` : "now waits for another issue";
}
