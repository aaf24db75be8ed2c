import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { describeSettings, renderSettingsReference } from "../../../src/config/render-settings-reference.js";
import { DEFAULTS } from "../../../src/config/settings.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const DOC = path.join(ROOT, "docs", "configuration.md");
const HINT =
  "docs/configuration.md is out of date with src/config/settings.ts: run `npm run docs:config` and commit it";

describe("docs/configuration.md", () => {
  it("is what the settings schema renders", () => {
    expect(readFileSync(DOC, "utf8"), HINT).toBe(renderSettingsReference());
  });

  it("shows every default the code applies", () => {
    const shown = describeSettings().map((row) => row.defaultValue);
    const leaves = (value: unknown): unknown[] =>
      typeof value === "object" && value !== null ? Object.values(value).flatMap(leaves) : [value];
    for (const value of leaves(DEFAULTS)) expect(shown, `DEFAULTS value ${JSON.stringify(value)}`).toContain(value);
  });

  it("names every MY_LITTLE_SODA_* variable the code reads", () => {
    const doc = readFileSync(DOC, "utf8");
    const read = new Set<string>();
    for (const file of sourceFiles(path.join(ROOT, "src"))) {
      for (const match of readFileSync(file, "utf8").matchAll(/\bMY_LITTLE_SODA_[A-Z][A-Z_]*[A-Z]\b/g))
        read.add(match[0]);
    }
    expect(read.size).toBeGreaterThan(5);
    for (const name of read) expect(doc, `${name} is read in src/ but not documented; ${HINT}`).toContain(name);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith(".ts") ? [full] : [];
  });
}
