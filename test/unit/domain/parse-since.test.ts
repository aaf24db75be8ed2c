import { describe, expect, it } from "vitest";
import { parseSince } from "../../../src/domain/parse-since.js";
import { UsageError } from "../../../src/errors/index.js";

const NOW = new Date("2024-05-10T12:00:00.000Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

describe("parseSince", () => {
  it.each([
    ["30m", ago(30 * 60_000)],
    ["24h", ago(24 * 3_600_000)],
    ["7d", ago(7 * 86_400_000)],
    ["2w", ago(14 * 86_400_000)],
    ["90s", ago(90_000)],
    ["1.5h", ago(90 * 60_000)],
    ["45 min", ago(45 * 60_000)],
    ["3 Days", ago(3 * 86_400_000)],
    [" 12H ", ago(12 * 3_600_000)],
    ["0m", NOW.toISOString()],
  ])("reads the duration %j as that long before now", (text, expected) => {
    expect(parseSince(text, NOW).toISOString()).toBe(expected);
  });

  it.each([
    ["2024-05-01", "2024-05-01T00:00:00.000Z"],
    ["2024-05-01T14:30", "2024-05-01T14:30:00.000Z"],
    ["2024-05-01 14:30:05", "2024-05-01T14:30:05.000Z"],
    ["2024-05-01T14:30:05Z", "2024-05-01T14:30:05.000Z"],
    ["2024-05-01T14:30:05.25Z", "2024-05-01T14:30:05.250Z"],
    ["2024-05-01T14:30:05+02:00", "2024-05-01T12:30:05.000Z"],
    ["2024-05-01T14:30:05-0130", "2024-05-01T16:00:05.000Z"],
    ["2024-02-29", "2024-02-29T00:00:00.000Z"],
  ])("reads the ISO date %j (UTC unless it has an offset)", (text, expected) => {
    expect(parseSince(text, NOW).toISOString()).toBe(expected);
  });

  it.each([
    "",
    "yesterday",
    "30",
    "m",
    "-5m",
    "5x",
    "5 m ago",
    "2024-02-30",
    "2023-02-29",
    "2024-13-01",
    "2024-05-01T24:00",
    "2024-05-01T10:60",
    "2024-05-01T10:00+25:00",
    "05/01/2024",
    "2024-5-1",
  ])("refuses %j with a usage error and a hint", (text) => {
    let caught: unknown;
    try {
      parseSince(text, NOW);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    const error = caught as UsageError;
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`--since ${JSON.stringify(text)} is neither a duration nor an ISO date`);
    expect(error.hint).toMatch(/30m, 24h or 7d/);
    expect(error.hint).toMatch(/2024-05-01T14:30:00Z/);
  });

  it("names the option it parses", () => {
    expect(() => parseSince("soon", NOW, "--after")).toThrow(/^--after "soon"/);
  });
});
