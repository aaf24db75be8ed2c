const TOKEN_SHAPES = /\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g;

/** Remove known secrets and anything shaped like a GitHub token. */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join("***");
  return out.replace(TOKEN_SHAPES, "***");
}
