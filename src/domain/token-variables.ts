/**
 * The environment variables that may carry a GitHub token, in the order design §6 reads them.
 * The same list keeps the token out of the agent's environment: the agent works on local
 * commits and never gets one.
 */
export const TOKEN_VARIABLES = ["MY_LITTLE_SODA_GITHUB_TOKEN", "GITHUB_TOKEN", "GH_TOKEN"] as const;

/** Other secrets the agent has no use for: the loop's webhook (`[notify]`). */
export const WITHHELD_VARIABLES = ["MY_LITTLE_SODA_NOTIFY_WEBHOOK_URL"] as const;

/** The environment with every token variable (and the other secrets) taken out. */
export function withoutTokens(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const names: readonly string[] = [...TOKEN_VARIABLES, ...WITHHELD_VARIABLES];
  return Object.fromEntries(Object.entries(env).filter(([name]) => !names.includes(name)));
}
