/**
 * The token never reaches the store (design §7). Strings are scrubbed of anything shaped like a
 * GitHub token, of credentials in URLs and of authorization header values; values under
 * secret-sounding keys are dropped; and any secret the caller names is removed wherever it occurs.
 */

const GITHUB_TOKEN = /(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g;
const URL_CREDENTIALS = /(\/\/)[^/\s:@]+:[^/\s@]+@/g;
const AUTH_SCHEME = /\b(bearer|token|basic)(\s+)[A-Za-z0-9._~+/=-]{16,}/gi;
const SECRET_KEY = /^(authorization|proxy-authorization|token|access[-_]?token|password|secret|client[-_]?secret)$/i;
const REDACTED = "***";

export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  // Short "secrets" would shred ordinary text; the caller's token is never that short.
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join(REDACTED);
  return out
    .replace(GITHUB_TOKEN, REDACTED)
    .replace(URL_CREDENTIALS, `$1${REDACTED}@`)
    .replace(AUTH_SCHEME, `$1$2${REDACTED}`);
}

/** A deep copy of a JSON-like value with every string redacted. */
export function redactValue<T>(value: T, secrets: readonly string[] = []): T {
  return redactAny(value, secrets) as T;
}

function redactAny(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactAny(item, secrets));
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) && typeof item === "string" ? REDACTED : redactAny(item, secrets);
    }
    return out;
  }
  return value;
}

/**
 * A URL that is itself a secret (a webhook: Slack's carries its key in the path) as it may be shown:
 * scheme and host only, `https://hooks.slack.com/…`. Anything that does not parse shows as `***`.
 */
export function redactUrl(url: string): string {
  try {
    const { protocol, host } = new URL(url);
    return `${protocol}//${host}/…`;
  } catch {
    return REDACTED;
  }
}

/** The parts of a secret URL that must never be printed or stored: the whole URL, and its path and query. */
export function secretPartsOfUrl(url: string): string[] {
  try {
    const { pathname, search, username, password } = new URL(url);
    const rest = `${pathname}${search}`;
    return [url, ...(rest.length > 1 ? [rest] : []), ...[username, password].filter(Boolean)];
  } catch {
    return [url];
  }
}
