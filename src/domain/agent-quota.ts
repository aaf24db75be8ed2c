/**
 * Quota exhaustion: the agent's own plan limit, recognised from its output (design §5 "Spend
 * governor", issue 12). Unlike a failure, it says nothing about the issue: the loop should pause
 * until the reset, not spend an attempt. Only the recognition is here; the pause is the loop's
 * (src/autonomous/quota.ts, design §5).
 */
export interface QuotaHit {
  /** The line that matched, as printed. */
  line: string;
  /** When the agent said the limit resets; undefined when it did not say (use a back-off). */
  resetAt: Date | undefined;
}

/**
 * Default patterns, case-insensitive. Claude Code: "Claude AI usage limit reached|<epoch>",
 * "5-hour limit reached ∙ resets 3pm", "You've hit your limit · resets …". Codex: "You've hit
 * your usage limit … try again in …", "Rate limit reached … Please try again in 20s", and its
 * "exceeded retry limit, last status: 429" stream error.
 */
export const DEFAULT_QUOTA_PATTERNS: readonly string[] = [
  "usage limit reached",
  "\\blimit reached\\b.*\\bresets?\\b",
  "you've hit your (usage )?limit",
  "rate limit reached",
  "last status: 429",
];

/** The first line of `text` matching one of `patterns` (regular expressions), with its reset time. */
export function detectQuota(
  text: string,
  now: Date,
  patterns: readonly string[] = DEFAULT_QUOTA_PATTERNS,
): QuotaHit | undefined {
  const expressions = patterns.map((pattern) => new RegExp(pattern, "i"));
  for (const line of text.split("\n")) {
    if (expressions.some((expression) => expression.test(line)))
      return { line: line.trim(), resetAt: readResetTime(line, now) };
  }
  return undefined;
}

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * The reset time a quota message states: an epoch after a `|` (Claude's machine-readable form),
 * an ISO 8601 time, "in 2 hours 5 minutes" / "in 20s", or a clock time ("resets 3pm", "at
 * 15:30", taken in the machine's time zone: the next such time from now). Undefined otherwise.
 */
export function readResetTime(line: string, now: Date): Date | undefined {
  const epoch = /\|\s*(\d{10})\b/.exec(line);
  if (epoch) return new Date(Number(epoch[1]) * 1000);
  const iso = /\b(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))/.exec(line);
  if (iso) {
    const at = new Date(iso[1] ?? "");
    if (!Number.isNaN(at.getTime())) return at;
  }
  const relative =
    /\bin\s+((?:\d+(?:\.\d+)?\s*(?:d|days?|h|hours?|hrs?|m|min|mins|minutes?|s|sec|secs|seconds?)\b[\s,and]*)+)/i.exec(
      line,
    );
  if (relative) {
    let ms = 0;
    for (const part of (relative[1] ?? "").matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+)/gi))
      ms += Number(part[1]) * (UNIT_MS[(part[2] ?? "").charAt(0).toLowerCase()] ?? 0);
    if (ms > 0) return new Date(now.getTime() + ms);
  }
  const clock =
    /\bresets?\s+(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\b/i.exec(line) ??
    /\bat\s+(\d{1,2}):(\d{2})\s*(am|pm)?\b/i.exec(line);
  if (clock) {
    let hours = Number(clock[1]);
    const minutes = Number(clock[2] ?? 0);
    const half = clock[3]?.toLowerCase();
    if (half === "pm" && hours < 12) hours += 12;
    if (half === "am" && hours === 12) hours = 0;
    if (hours > 23 || minutes > 59 || (clock[2] === undefined && half === undefined)) return undefined;
    const at = new Date(now);
    at.setHours(hours, minutes, 0, 0);
    if (at.getTime() <= now.getTime()) at.setDate(at.getDate() + 1);
    return at;
  }
  return undefined;
}
