import { stripHiddenText } from "../preview.js";

export interface ReworkPromptInput {
  /** The issue the pull request closes. */
  number: number;
  title: string;
  /** The pull request's address. */
  url: string;
  pr: number;
  branch: string;
  round: number;
  maxRounds: number;
  /** The reasons as `describeReworkReasons` rendered them: people's text in it is already cleaned. */
  reasons: string;
  issueBody: string;
}

const PLACEHOLDER = /\{\{(number|title|url|pr|branch|round|max_rounds|reasons|issue_body)\}\}/g;

/**
 * The rework prompt template filled in for one round, the way `buildPrompt` fills the issue
 * prompt: in one pass with literal values, so a review comment holding `{{title}}` or `$&` is
 * never expanded again, and unknown placeholders stay as written. The reasons are inserted as
 * given: cleaning them again would also strip HTML comments from the diff hunks, which are code.
 */
export function buildReworkPrompt(template: string, input: ReworkPromptInput): string {
  const values: Record<string, string> = {
    number: String(input.number),
    title: stripHiddenText(input.title),
    url: input.url,
    pr: String(input.pr),
    branch: input.branch,
    round: String(input.round),
    max_rounds: String(input.maxRounds),
    reasons: input.reasons,
    issue_body: stripHiddenText(input.issueBody),
  };
  return template.replace(PLACEHOLDER, (placeholder, name: string) => values[name] ?? placeholder);
}
