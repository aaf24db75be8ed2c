import { TOKEN_VARIABLES } from "../domain/token-variables.js";
import { AuthenticationError } from "../errors/index.js";

export interface TokenSource {
  token: string;
  /** Where it came from, for `status` and `--debug` (never the token itself). */
  source: string;
}

/** Runs `gh` with arguments; resolves to its stdout, or undefined when gh is missing or fails. */
export type GhRunner = (args: string[]) => Promise<string | undefined>;

/** design §6 discovery order: our variable, GITHUB_TOKEN, GH_TOKEN, then `gh auth token`. */
export async function resolveToken(env: NodeJS.ProcessEnv, runGh: GhRunner, host?: string): Promise<TokenSource> {
  for (const name of TOKEN_VARIABLES) {
    const value = env[name]?.trim();
    if (value) return { token: value, source: name };
  }
  const args = host && host !== "github.com" ? ["auth", "token", "--hostname", host] : ["auth", "token"];
  const fromGh = (await runGh(args))?.trim();
  if (fromGh) return { token: fromGh, source: "gh auth token" };
  throw new AuthenticationError("no GitHub token found", {
    hint: "set MY_LITTLE_SODA_GITHUB_TOKEN (or GITHUB_TOKEN / GH_TOKEN), or log in with `gh auth login`",
  });
}
