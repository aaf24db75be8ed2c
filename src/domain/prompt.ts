import { stripHiddenText } from "./preview.js";

export interface PromptInput {
  number: number;
  title: string;
  body: string;
  branch: string;
  url: string;
}

const PLACEHOLDER = /\{\{(number|title|body|branch|url)\}\}/g;

/**
 * The prompt template (`.my-little-soda/prompt.md`) filled in for one issue. The title
 * and body lose hidden HTML comments and invisible characters first: they are written by anyone
 * who can open an issue and may hide instructions meant for the model. Every placeholder is
 * replaced in one pass with the literal value, so an issue body holding `{{title}}` or `$&` is
 * never expanded again; placeholders we do not know are left as written.
 */
export function buildPrompt(template: string, input: PromptInput): string {
  const values: Record<string, string> = {
    number: String(input.number),
    title: stripHiddenText(input.title),
    body: stripHiddenText(input.body),
    branch: input.branch,
    url: input.url,
  };
  return template.replace(PLACEHOLDER, (placeholder, name: string) => values[name] ?? placeholder);
}
