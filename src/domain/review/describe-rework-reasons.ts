import { stripHiddenText } from "../preview.js";
import type { ConversationCommentFact, ReviewCommentFact } from "./facts.js";
import type { FailingCheck, ReworkReason } from "./verdict.js";

/** A diff hunk runs from its `@@` header down to the commented line; its end is what matters. */
const MAX_HUNK_LINES = 20;

/**
 * The reasons for a rework round as Markdown for the agent's prompt (`{{reasons}}`). Everything
 * people or CI wrote loses hidden comments and invisible characters first, like an issue body:
 * anyone who can comment could hide instructions there. It is quoted or fenced, so it reads as
 * material, never as part of our own instructions.
 */
export function describeReworkReasons(reasons: readonly ReworkReason[]): string {
  return `${reasons.map(describeReason).join("\n\n")}\n`;
}

function describeReason(reason: ReworkReason): string {
  switch (reason.kind) {
    case "ci-failed":
      return [`### CI failed`, ...reason.checks.map(describeCheck)].join("\n\n");
    case "changes-requested":
      return describeChangesRequested(reason);
    case "conflict":
      return describeConflict(reason.baseBranch, reason.files);
    case "behind-base":
      return [
        `### The base branch \`${reason.baseBranch}\` moved on`,
        `The branch has been updated onto \`${reason.baseBranch}\` without conflicts. Make sure your change still fits what is new there.`,
      ].join("\n\n");
  }
}

function describeCheck(check: FailingCheck): string {
  const lines = [`#### \`${check.name}\`: ${check.conclusion}`];
  if (check.url !== "") lines.push("", `Details: ${check.url}`);
  if (check.note !== undefined) lines.push("", check.note);
  else lines.push("", SOURCE[check.source]);
  const output = stripHiddenText(check.output).trimEnd();
  lines.push("", output.trim() === "" ? "(no output)" : fenced(output, "text"));
  return lines.join("\n");
}

const SOURCE: Record<FailingCheck["source"], string> = {
  "job-log": "The end of the job's log:",
  "check-output": "The check's own report:",
  "status-description": "The status's description:",
};

function describeChangesRequested(reason: Extract<ReworkReason, { kind: "changes-requested" }>): string {
  const parts = ["### Changes requested"];
  for (const review of reason.reviews)
    parts.push(`#### Review by @${review.author} (changes requested)\n\n${quoted(review.body)}`);
  for (const comment of reason.lineComments) parts.push(describeLineComment(comment));
  for (const comment of reason.conversation) parts.push(describeConversationComment(comment));
  return parts.join("\n\n");
}

function describeLineComment(comment: ReviewCommentFact): string {
  const where =
    comment.line === null ? `${comment.path} (a line no longer in the diff)` : `${comment.path}:${comment.line}`;
  const lines = [`#### ${where}, @${comment.author} commented`];
  const hunk = hunkTail(comment.diffHunk);
  if (hunk !== "") lines.push("", fenced(hunk, "diff"));
  lines.push("", quoted(comment.body));
  return lines.join("\n");
}

function describeConversationComment(comment: ConversationCommentFact): string {
  return `#### @${comment.author} commented on the pull request\n\n${quoted(comment.body)}`;
}

function describeConflict(baseBranch: string, files: readonly string[]): string {
  const heading = `### Merge conflict with \`${baseBranch}\``;
  if (files.length === 0)
    return `${heading}\n\nThe branch conflicts with \`${baseBranch}\`. Resolve the conflict markers (\`<<<<<<<\`, \`=======\`, \`>>>>>>>\`) left in the working tree, keeping what both sides meant, and commit the result.`;
  return [
    heading,
    `\`${baseBranch}\` has been merged into the branch, and git could not resolve these files on its own:`,
    files.map((file) => `- \`${file}\``).join("\n"),
    "Resolve every conflict marker (`<<<<<<<`, `=======`, `>>>>>>>`) in them, keeping what both sides meant, make sure it still builds and the tests pass, and commit the merge.",
  ].join("\n\n");
}

/** The header plus the last lines of a hunk, so the commented line is always shown. */
function hunkTail(hunk: string): string {
  const lines = hunk.replace(/\r\n/g, "\n").trimEnd().split("\n");
  if (lines.length <= MAX_HUNK_LINES) return lines.join("\n");
  const header = lines[0]?.startsWith("@@") ? [lines[0]] : [];
  return [...header, ...lines.slice(-(MAX_HUNK_LINES - header.length))].join("\n");
}

function quoted(text: string): string {
  const clean = stripHiddenText(text).replace(/\r\n/g, "\n").trim();
  if (clean === "") return "(no text)";
  return clean
    .split("\n")
    .map((line) => (line === "" ? ">" : `> ${line}`))
    .join("\n");
}

/** A fence longer than any backtick run inside, so the text cannot close it early. */
export function fenced(text: string, language: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text}\n${fence}`;
}

/** One line for logs, `status` and comments: "CI failed (build, lint); changes requested by @owner (2 line comments)". */
export function summariseReasons(reasons: readonly ReworkReason[]): string {
  return reasons.map(summariseReason).join("; ");
}

export function summariseReason(reason: ReworkReason): string {
  switch (reason.kind) {
    case "ci-failed":
      return `CI failed (${[...new Set(reason.checks.map((check) => check.name))].join(", ")})`;
    case "changes-requested": {
      const authors = new Set(
        [...reason.reviews, ...reason.lineComments, ...reason.conversation].map((item) => `@${item.author}`),
      );
      const counts = [
        count(reason.lineComments.length, "line comment"),
        count(reason.conversation.length, "comment"),
      ].filter((part) => part !== "");
      return `changes requested by ${[...authors].join(", ")}${counts.length > 0 ? ` (${counts.join(", ")})` : ""}`;
    }
    case "conflict":
      return `merge conflict with ${reason.baseBranch}${reason.files.length > 0 ? ` (${count(reason.files.length, "file")})` : ""}`;
    case "behind-base":
      return `behind ${reason.baseBranch}`;
  }
}

function count(n: number, noun: string): string {
  return n === 0 ? "" : `${n} ${noun}${n === 1 ? "" : "s"}`;
}
