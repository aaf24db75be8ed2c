import { UsageError } from "../errors/index.js";

/**
 * `--since` for the reports: a relative duration back from `now` (`90s`, `30m`, `24h`, `7d`,
 * `2w`; decimals allowed, `1.5h`) or an ISO 8601 date or date-time (`2024-05-01`,
 * `2024-05-01T14:30`, `2024-05-01 14:30:00Z`, `2024-05-01T14:30:00.250+02:00`). A date or time
 * without an offset is UTC, as the reports print their times. Anything else, or a calendar
 * impossibility (`2024-02-30`), is a `UsageError` with a hint.
 */
export function parseSince(text: string, now: Date, option = "--since"): Date {
  const value = text.trim();
  const relative = RELATIVE.exec(value.toLowerCase());
  if (relative) {
    const amount = Number(relative[1]);
    const unit = UNIT_MS[relative[2] as string];
    if (unit !== undefined && Number.isFinite(amount)) return new Date(now.getTime() - Math.round(amount * unit));
  }
  const absolute = parseIsoDate(value);
  if (absolute) return absolute;
  throw new UsageError(`${option} ${JSON.stringify(text)} is neither a duration nor an ISO date`, {
    hint: `give a duration back from now, such as 30m, 24h or 7d, or an ISO date or time (UTC unless it has an offset), such as 2024-05-01 or 2024-05-01T14:30:00Z`,
  });
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNIT_MS: Record<string, number> = {
  s: SECOND,
  sec: SECOND,
  secs: SECOND,
  second: SECOND,
  seconds: SECOND,
  m: MINUTE,
  min: MINUTE,
  mins: MINUTE,
  minute: MINUTE,
  minutes: MINUTE,
  h: HOUR,
  hr: HOUR,
  hrs: HOUR,
  hour: HOUR,
  hours: HOUR,
  d: DAY,
  day: DAY,
  days: DAY,
  w: 7 * DAY,
  week: 7 * DAY,
  weeks: 7 * DAY,
};

const RELATIVE = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

function parseIsoDate(value: string): Date | undefined {
  const match = ISO.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  // A zone given with a date alone ("2024-05-01Z") is odd but harmless; accept it.
  const offsetMinutes = zoneOffsetMinutes(zone);
  if (offsetMinutes === undefined) return undefined;
  const ms = Math.round(Number(`0.${fraction || "0"}`) * 1000);
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * MINUTE);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Minutes east of UTC; undefined for an impossible offset. */
function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toUpperCase() === "Z") return 0;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith("-") ? -1 : 1) * (hours * 60 + minutes);
}
