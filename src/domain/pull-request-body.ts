import { stripHiddenText } from "./preview.js";

export type VerifyOutcome =
  { kind: "passed"; command: string; seconds: number } | { kind: "skipped" } | { kind: "not-configured" };

export interface PullRequestBodyInput {
  issueNumber: number;
  issueTitle: string;
  issueBody: string;
  agentId: string;
  commits: ReadonlyArray<{ sha: string; subject: string }>;
  verify: VerifyOutcome;
}

const MAX_SUMMARY_LINES = 12;

/** The PR description (design §4): a summary, the commits, the verify result and `Closes #N`. */
export function pullRequestBody(input: PullRequestBodyInput): string {
  const summary = stripHiddenText(input.issueBody).trim().split("\n").slice(0, MAX_SUMMARY_LINES);
  const lines = [
    "## Summary",
    "",
    `Work on #${input.issueNumber}: ${input.issueTitle}`,
    ...(summary.length > 0 && summary.join("").trim() !== "" ? ["", ...summary.map((line) => `> ${line}`)] : []),
    "",
    "## Commits",
    "",
    ...input.commits.map((commit) => `- ${commit.sha.slice(0, 7)} ${commit.subject}`),
    "",
    "## Verification",
    "",
    describeVerify(input.verify),
    "",
    `Closes #${input.issueNumber}`,
    "",
    `---`,
    `Delivered by my-little-soda (${input.agentId}).`,
  ];
  return `${lines.join("\n")}\n`;
}

/** One line on how the verify command went, for a pull request body or a rework comment. */
export function describeVerify(verify: VerifyOutcome): string {
  switch (verify.kind) {
    case "passed":
      return `✅ \`${verify.command}\` passed in ${verify.seconds.toFixed(1)} s.`;
    case "skipped":
      return "⏭️ Skipped (`--no-verify`).";
    case "not-configured":
      return "No verify command is configured (`[bottle] verify`).";
  }
}
