import { stripHiddenText } from "../../domain/preview.js";
import { withoutTokens } from "../../domain/token-variables.js";

export interface AgentEnvInput {
  issue: { number: number; title: string; url: string };
  branch: string;
  worktree: string;
  promptFile: string;
}

/**
 * The base environment without any GitHub token (even one the caller left in), plus the MLS_*
 * variables (ours win over inherited ones). The title is issue text: it loses hidden characters
 * as it does in the prompt, and NUL bytes, which an environment cannot carry (spawn would refuse
 * to start).
 */
export function agentEnvironment(base: NodeJS.ProcessEnv, input: AgentEnvInput): NodeJS.ProcessEnv {
  const vars: Record<string, string> = {
    MLS_ISSUE_NUMBER: String(input.issue.number),
    MLS_ISSUE_TITLE: stripHiddenText(input.issue.title),
    MLS_ISSUE_URL: input.issue.url,
    MLS_BRANCH: input.branch,
    MLS_WORKTREE: input.worktree,
    MLS_PROMPT_FILE: input.promptFile,
  };
  for (const [key, value] of Object.entries(vars)) vars[key] = value.replace(/\0/g, "");
  return { ...withoutTokens(base), ...vars };
}
