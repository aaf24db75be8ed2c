/**
 * What kind of GitHub token this is, from its documented prefix, so `doctor` can say it without
 * ever printing the token. Classic tokens report their scopes in `X-OAuth-Scopes`; fine-grained and
 * App tokens do not, and GitHub shows no way to read their grants.
 */
export type TokenKind = "classic" | "fine-grained" | "oauth" | "app" | "unknown";

const PREFIXES: ReadonlyArray<[prefix: string, kind: TokenKind]> = [
  ["ghp_", "classic"],
  ["github_pat_", "fine-grained"],
  ["gho_", "oauth"],
  ["ghu_", "app"],
  ["ghs_", "app"],
];

export function tokenKindOf(token: string): TokenKind {
  return PREFIXES.find(([prefix]) => token.startsWith(prefix))?.[1] ?? "unknown";
}

export const TOKEN_KIND_WORDS: Record<TokenKind, string> = {
  classic: "classic personal access token",
  "fine-grained": "fine-grained personal access token",
  oauth: "OAuth token (as `gh auth login` makes)",
  app: "GitHub App token (as Actions' GITHUB_TOKEN)",
  unknown: "token",
};
