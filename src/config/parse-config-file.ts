import TOML from "@iarna/toml";
import { ConfigError } from "../errors/index.js";
import { expectedTypeOf, fileConfigSchema, knownKeys, type FileConfig } from "./settings.js";
import { suggest } from "./suggest.js";

export interface ParsedConfigFile {
  config: FileConfig;
  warnings: string[];
}

/**
 * TOML text → validated file config. Malformed TOML and wrong types are errors naming the file,
 * the line or key, and the expected type; unknown keys are warnings with a suggestion (design §6).
 */
export function parseConfigFile(text: string, file: string): ParsedConfigFile {
  const raw = parseToml(text, file);
  const warnings = findUnknownKeys(raw, file);
  const result = fileConfigSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const [section, key] = issue.path.map(String);
      if (section !== undefined && key === undefined) return `[${section}] must be a table`;
      const expected = section && key ? expectedTypeOf(section, key) : undefined;
      return `${section}.${key} must be ${expected ?? "valid"} (found ${describe(valueAt(raw, issue.path))})`;
    });
    throw new ConfigError(`${file}: ${problems.join("; ")}`, {
      hint: "fix the value in the file; my-little-soda.example.toml lists every key with its type",
    });
  }
  return { config: result.data, warnings };
}

function parseToml(text: string, file: string): Record<string, unknown> {
  try {
    const parsed: Record<string, unknown> = TOML.parse(text);
    return parsed;
  } catch (error) {
    const { line, col, message } = error as { line?: number; col?: number; message?: string };
    const where = typeof line === "number" ? `:${line + 1}${typeof col === "number" ? `:${col + 1}` : ""}` : "";
    const reason = (message ?? String(error)).split("\n")[0]?.replace(/ at row \d+, col \d+, pos \d+:?$/, "");
    throw new ConfigError(`${file}${where}: malformed TOML: ${reason}`, {
      hint: "check the quoting and brackets on that line (TOML strings need double quotes)",
    });
  }
}

function findUnknownKeys(raw: Record<string, unknown>, file: string): string[] {
  const known = knownKeys();
  const warnings: string[] = [];
  for (const [section, value] of Object.entries(raw)) {
    const keys = known.get(section);
    if (!keys) {
      const hint = suggest(section, [...known.keys()]);
      warnings.push(`${file}: unknown section [${section}]${hint ? ` (did you mean [${hint}]?)` : ""}; it is ignored`);
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) continue;
    for (const key of Object.keys(value)) {
      if (keys.includes(key)) continue;
      const hint = suggest(key, keys);
      warnings.push(
        `${file}: unknown key ${section}.${key}${hint ? ` (did you mean ${section}.${hint}?)` : ""}; it is ignored`,
      );
    }
  }
  return warnings;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = root;
  for (const key of path) {
    value = typeof value === "object" && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (Array.isArray(value)) return "an array";
  if (value instanceof Date) return "a date";
  if (value === null || value === undefined) return "nothing";
  return `${typeof value} ${JSON.stringify(value)}`;
}
