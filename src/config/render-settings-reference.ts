import type { z } from "zod";
import { DEFAULTS, fileConfigSchema } from "./settings.js";

/**
 * docs/configuration.md, rendered from the schema in settings.ts so the reference cannot drift
 * from the code: every key with the type it expects, its default and its description. Where
 * values come from (flags, environment, file) is fixed prose here; a unit test checks the
 * written file against this output and that every variable the code reads is named in it.
 */

export interface SettingRow {
  section: string;
  key: string;
  expected: string;
  description: string;
  /** The default applied when nothing sets the key; undefined when there is none. */
  defaultValue: unknown;
  /** Flags and environment variables that take precedence over the key. */
  overriddenBy: readonly string[];
}

type SectionSchema = z.ZodOptional<z.ZodObject<Record<string, z.ZodType>>>;

/** Flags and variables that win over a file key (resolve-config.ts, the commands' options). */
const OVERRIDES: Record<string, readonly string[]> = {
  "github.owner": ["`--repo`", "`MY_LITTLE_SODA_GITHUB_OWNER`", "`GITHUB_REPOSITORY`"],
  "github.repo": ["`--repo`", "`MY_LITTLE_SODA_GITHUB_REPO`", "`GITHUB_REPOSITORY`"],
  "github.api_url": ["`--api-url`", "`MY_LITTLE_SODA_GITHUB_API_URL`", "`GITHUB_API_URL`"],
  "agent.id": ["`--agent`", "`MY_LITTLE_SODA_AGENT_ID`"],
  "bottle.verify": ["`bottle --no-verify` skips it"],
  "bottle.draft": ["`bottle --draft` turns it on"],
  "autonomous.agent_command": ["`spawn --agent-cmd`"],
  "autonomous.max_hours": ["`spawn --max-hours`"],
  "autonomous.max_issues": ["`spawn --max-issues`"],
  "autonomous.poll_interval_seconds": ["`spawn --poll-interval`"],
  "notify.webhook_url": ["`MY_LITTLE_SODA_NOTIFY_WEBHOOK_URL`"],
};

const SECTION_INTROS: Record<string, string> = {
  github: "Which repository, on which GitHub. Usually left to the `origin` remote and the API.",
  agent: "Who this checkout works as. Several agents can share a repository, each with its own id.",
  bottle: "How work is delivered, by `bottle` and by the autonomous loop's deliver step.",
  autonomous: "The unattended loop, `spawn --autonomous` (see [autonomous.md](autonomous.md)).",
  notify:
    "Notifications from the unattended loop (see [autonomous.md](autonomous.md#notifications) for the message). The URL is a secret: keep it in the environment (a CI secret) rather than in a committed file; it is shown only as scheme and host.",
  database: "The local state store (runs, checkpoints, drift and recovery events, the HTTP cache).",
};

/** Every key of my-little-soda.toml, in schema order, with what the schema and DEFAULTS say about it. */
export function describeSettings(
  schema: z.ZodObject<Record<string, z.ZodType>> = fileConfigSchema as unknown as z.ZodObject<
    Record<string, z.ZodType>
  >,
  defaults: Record<string, unknown> = DEFAULTS,
): SettingRow[] {
  const rows: SettingRow[] = [];
  for (const [section, sectionSchema] of Object.entries(schema.shape)) {
    const keys = (sectionSchema as SectionSchema).unwrap().shape;
    for (const [key, keySchema] of Object.entries(keys)) {
      const meta = keySchema.meta() as { expected?: unknown; description?: unknown } | undefined;
      if (typeof meta?.expected !== "string" || typeof meta.description !== "string") {
        throw new Error(`settings.ts: ${section}.${key} needs .meta({ expected, description })`);
      }
      rows.push({
        section,
        key,
        expected: meta.expected,
        description: meta.description,
        defaultValue: defaultOf(defaults, section, key),
        overriddenBy: OVERRIDES[`${section}.${key}`] ?? [],
      });
    }
  }
  const known = new Set(rows.map((row) => `${row.section}.${row.key}`));
  for (const name of Object.keys(OVERRIDES)) {
    if (!known.has(name)) throw new Error(`render-settings-reference.ts: OVERRIDES names ${name}, not in the schema`);
  }
  return rows;
}

/**
 * A key's default in DEFAULTS, found by name: `[autonomous] timeout_minutes` →
 * `autonomous.timeoutMinutes`, `[agent] id` → `agentId`, `[github] api_url` → `apiUrl`.
 */
export function defaultOf(defaults: Record<string, unknown>, section: string, key: string): unknown {
  const name = key.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
  const inSection = defaults[section];
  if (isRecord(inSection) && name in inSection) return inSection[name];
  const joined = `${section}${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  if (joined in defaults) return defaults[joined];
  return defaults[name];
}

/** The whole of docs/configuration.md. */
export function renderSettingsReference(rows: readonly SettingRow[] = describeSettings()): string {
  const lines: string[] = [...PREAMBLE];
  const sections = [...new Set(rows.map((row) => row.section))];
  for (const section of sections) {
    lines.push(`## \`[${section}]\``, "");
    const intro = SECTION_INTROS[section];
    if (intro) lines.push(intro, "");
    lines.push("| key | expects | default | meaning | overridden by |", "|---|---|---|---|---|");
    for (const row of rows.filter((candidate) => candidate.section === section)) {
      lines.push(
        `| \`${row.key}\` | ${cell(row.expected)} | ${formatDefault(row.defaultValue)} | ${cell(row.description)} | ${row.overriddenBy.join(", ") || "—"} |`,
      );
    }
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function formatDefault(value: unknown): string {
  if (value === undefined) return "none";
  return `\`${JSON.stringify(value)}\``;
}

/** Table cells: a pipe would end the cell. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const PREAMBLE: readonly string[] = [
  "# Configuration",
  "",
  "<!-- Generated from src/config/settings.ts by `npm run docs:config`. Do not edit by hand: a unit test fails when this file and the code disagree. -->",
  "",
  "my-little-soda reads `my-little-soda.toml` at the root of the repository it runs in (`init` writes one;",
  "[`my-little-soda.example.toml`](../my-little-soda.example.toml) lists every key). Every key is optional.",
  "",
  "## Where a value comes from",
  "",
  "Flags win over environment variables, which win over the file, which wins over the defaults.",
  "",
  "| setting | sources, first wins |",
  "|---|---|",
  "| config file | `--config PATH`, `MY_LITTLE_SODA_CONFIG`, `my-little-soda.toml` at the repository root (the working directory outside git) |",
  "| token | `MY_LITTLE_SODA_GITHUB_TOKEN`, `GITHUB_TOKEN`, `GH_TOKEN`, then the output of `gh auth token` (with `--hostname` for an Enterprise host) |",
  "| repository | `--repo owner/name`; `MY_LITTLE_SODA_GITHUB_OWNER` and `MY_LITTLE_SODA_GITHUB_REPO` together; `GITHUB_REPOSITORY` (as set in GitHub Actions); then per part: the variable alone, `[github] owner` / `repo`, the `origin` remote (`https://`, `git@host:`, `ssh://`, `git://`, Enterprise hosts) |",
  "| API URL | `--api-url`, `MY_LITTLE_SODA_GITHUB_API_URL`, `GITHUB_API_URL`, `[github] api_url`, derived from the `origin` remote's host (`https://<host>/api/v3` for an Enterprise host), `https://api.github.com` |",
  "| agent id | `--agent`, `MY_LITTLE_SODA_AGENT_ID`, `[agent] id`, `agent001` |",
  "| base branch | `[github] base_branch`, else the repository's default branch as the API reports it |",
  "| loop budgets | `spawn --max-issues`, `--max-hours`, `--poll-interval`, `--agent-cmd`, then the `[autonomous]` keys below |",
  "",
  "The token is never read from the file, never printed (output is scrubbed of it, `--debug` included) and never",
  "stored; `spawn` removes the three token variables from the environment its agent gets.",
  "",
  "## Environment variables",
  "",
  "| variable | meaning |",
  "|---|---|",
  "| `MY_LITTLE_SODA_GITHUB_TOKEN`, `GITHUB_TOKEN`, `GH_TOKEN` | the GitHub token, first one set wins |",
  "| `MY_LITTLE_SODA_GITHUB_OWNER`, `MY_LITTLE_SODA_GITHUB_REPO` | the repository |",
  "| `GITHUB_REPOSITORY` | the repository as `owner/name` |",
  "| `MY_LITTLE_SODA_GITHUB_API_URL`, `GITHUB_API_URL` | the REST API base URL |",
  "| `MY_LITTLE_SODA_AGENT_ID` | the agent id |",
  "| `MY_LITTLE_SODA_CONFIG` | the configuration file's path |",
  "| `MY_LITTLE_SODA_NOTIFY_WEBHOOK_URL` | the loop's webhook, as `[notify] webhook_url` (a secret: not passed to the agent) |",
  "| `MY_LITTLE_SODA_AUTONOMOUS` | not read by the CLI: a repository variable (Settings → Variables) of the workflow `init --ci` writes; `true` turns its scheduled `spawn --autonomous --once` jobs on |",
  "| `MY_LITTLE_SODA_HTTP_WRITE_SPACING_MS` | instead of the default write pacing (a burst of 20 goes out at once, then one a second; a process's writes kept under 60 a minute and 450 an hour — 5, 20 and 150 for pull requests and comments), this fixed pause between writes; 0 turns pacing off (tests against a local server) |",
  "| `MY_LITTLE_SODA_HTTP_RETRY_BASE_MS` | base of the HTTP retry backoff for 5xx answers and dropped connections (default 1000) |",
  "| `MY_LITTLE_SODA_MAX_RATE_LIMIT_WAIT_SECONDS` | longest wait for a rate limit to reset before a request gives up (default 60) |",
  "| `MY_LITTLE_SODA_LOOP_RETRY_BASE_MS` | first wait of the autonomous loop while GitHub is out of reach; doubles with jitter, at most 5 minutes (default 5000) |",
  "| `MY_LITTLE_SODA_LOOP_RETRY_BUDGET_SECONDS` | how long one loop step keeps retrying before the loop gives up with exit 4 (default 900) |",
  "| `MY_LITTLE_SODA_NOTIFY_TIMEOUT_MS` | how long one webhook try may take, and the longest the end of a run waits for notifications (default 5000) |",
  "| `MY_LITTLE_SODA_NOTIFY_RETRY_BASE_MS` | first wait before a webhook is tried again; doubles, four tries in all (default 1000) |",
  "| `NO_COLOR` | no colour, as `--no-color` |",
  "| `CI` | `true` turns spinners off |",
  "| `GITHUB_STEP_SUMMARY` | with `GITHUB_ACTIONS=true` (both set by GitHub Actions), `status` and `report --markdown` append a Markdown report to this file |",
  "",
  "The numeric tuning variables take a number of 0 or more; anything else is ignored. They exist mostly for",
  "tests and local servers.",
  "",
  "## Validation",
  "",
  "Every command that reads the configuration checks the whole file first:",
  "",
  "- malformed TOML is an error naming the file, line and column (exit 2);",
  "- a value of the wrong type is an error naming the file, the key, the type expected and what was found (exit 2);",
  "- an unknown section or key is a warning naming it, with the closest known name when there is one; it is ignored.",
  "",
];
