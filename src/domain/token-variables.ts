/**
 * The environment variables that may carry a GitHub token, in the order design §6 reads them.
 * The same list keeps the token out of the agent's environment: the agent works on local
 * commits and never gets one.
 */
export const TOKEN_VARIABLES = ["MY_LITTLE_SODA_GITHUB_TOKEN", "GITHUB_TOKEN", "GH_TOKEN"] as const;

/** The environment with every token variable taken out. */
export function withoutTokens(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const names: readonly string[] = TOKEN_VARIABLES;
  return Object.fromEntries(Object.entries(env).filter(([name]) => !names.includes(name)));
}
