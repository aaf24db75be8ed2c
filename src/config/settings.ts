import { z } from "zod";

/**
 * Every key of `my-little-soda.toml` (design §6) with the type we expect, named as errors name
 * it, and a description. Validation, unknown-key warnings and the error messages all derive
 * from this one schema. Every key is optional here: defaults are applied last, after flags
 * and environment (see resolve-config.ts), so precedence stays flags > env > file > defaults.
 */
interface SettingMeta {
  expected: string;
  description: string;
  [key: string]: unknown;
}

const text = (description: string) =>
  z
    .string()
    .min(1)
    .optional()
    .meta({ expected: "a non-empty string", description } satisfies SettingMeta);
const flag = (description: string) =>
  z
    .boolean()
    .optional()
    .meta({ expected: "true or false", description } satisfies SettingMeta);
const count = (description: string) =>
  z
    .number()
    .int()
    .positive()
    .optional()
    .meta({ expected: "a positive integer", description } satisfies SettingMeta);
const amount = (description: string) =>
  z
    .number()
    .positive()
    .optional()
    .meta({ expected: "a positive number", description } satisfies SettingMeta);
const command = (description: string) =>
  z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
    .optional()
    .meta({
      expected: 'a command string or an array of strings, e.g. ["npm", "test"]',
      description,
    } satisfies SettingMeta);

export const fileConfigSchema = z.object({
  github: z
    .object({
      owner: text("Repository owner (user or organisation)"),
      repo: text("Repository name"),
      api_url: text("REST API base URL, e.g. https://ghe.example.com/api/v3"),
      base_branch: text("Branch work starts from and PRs target (default: the repository's default branch)"),
    })
    .optional(),
  agent: z
    .object({
      id: z
        .string()
        .regex(/^agent\d+$/)
        .optional()
        .meta({
          expected: 'an agent id: "agent" followed by digits, e.g. "agent001"',
          description: "This agent's id and claim label",
        }),
    })
    .optional(),
  bottle: z
    .object({
      verify: command('Command that must pass before delivery, e.g. "npm test"'),
      draft: flag("Open pull requests as drafts"),
      return_to_base: flag("Check out the base branch again after bottling"),
    })
    .optional(),
  autonomous: z
    .object({
      agent_command: command("The coding agent run on each issue (argv; a string is split without a shell)"),
      timeout_minutes: amount("Wall-clock limit for one agent run"),
      idle_timeout_minutes: amount("Stop an agent that prints nothing for this long"),
      max_hours: amount("Stop the loop after this many hours"),
      max_issues: count("Stop the loop after this many issues"),
      poll_interval_seconds: amount("How often an idle loop polls an empty queue"),
      drift_interval_seconds: amount("How often drift is checked while an agent runs"),
      max_attempts_per_issue: count("Failed agent runs or verifications before an issue is escalated"),
      max_cost_usd_per_issue: amount(
        "Stop the agent and escalate the issue once its reported cost on the issue (all attempts) passes this many US dollars",
      ),
      max_cost_usd_per_run: amount(
        "Stop the agent, escalate its issue and take no new work once the run's reported cost passes this many US dollars",
      ),
      lease_minutes: amount("A claim whose heartbeat is older than this is stale"),
      manual_lease_hours: amount("The lease of a claim made by hand with `pop`: stale only after this long"),
      take_over_stale: flag(
        "Take over other agents' stale claims before new work (fenced: the old holder cannot deliver)",
      ),
      max_commits_behind_base: z.number().int().nonnegative().optional().meta({
        expected: "a whole number (0 or more)",
        description: "Commits the base branch may gain before the work is rebased onto it",
      }),
      trust_gate: flag(
        "Work an issue unattended only if someone with write access queued it and nobody without it edited it since",
      ),
      trusted_users: z.array(z.string().min(1)).optional().meta({
        expected: 'an array of GitHub logins, e.g. ["dependabot[bot]"]',
        description: "Logins the trust gate trusts even without write access",
      }),
      quota_patterns: z.array(z.string().min(1)).optional().meta({
        expected: 'an array of regular expressions, e.g. ["usage limit reached"]',
        description:
          "Lines of agent output that mean its plan's limit was reached: the loop pauses until the reset instead of spending an attempt (default: Claude Code's and Codex's messages)",
      }),
      quota_backoff_minutes: amount("How long to pause on a quota message that names no reset time"),
    })
    .optional(),
  review: z
    .object({
      enabled: flag("Follow this agent's pull requests in route:review: rework them and land them"),
      auto_merge: flag("Land a pull request once it is approved on its head with the required checks green"),
      merge_method: z.enum(["merge", "squash", "rebase"]).optional().meta({
        expected: '"merge", "squash" or "rebase"',
        description: "How pull requests are landed (default: the repository's allowed method)",
      }),
      max_rework_rounds: count("Rework rounds per pull request before it is handed to a person"),
      order: z.enum(["rework-first", "issues-first"]).optional().meta({
        expected: '"rework-first" or "issues-first"',
        description: "Whether pull requests needing rework go before new issues",
      }),
      update_strategy: z.enum(["rebase", "merge"]).optional().meta({
        expected: '"rebase" or "merge"',
        description: "How a branch behind its base is brought up to date (conflicts always become a merge)",
      }),
      required_approvals: z.number().int().nonnegative().optional().meta({
        expected: "a whole number (0 or more)",
        description: "Approvals needed when the base branch's protection cannot be read",
      }),
    })
    .optional(),
  notify: z
    .object({
      webhook_url: z.string().min(1).optional().meta({
        expected: "an http(s) URL",
        description:
          "Where the autonomous loop posts a JSON message (Slack-compatible) on an escalation, a budget stop, a quota pause and the end of a run. A secret: never printed whole; better set through the environment",
      }),
    })
    .optional(),
  database: z.object({ path: text("SQLite file, relative to the repository root") }).optional(),
});

export type FileConfig = z.infer<typeof fileConfigSchema>;

export const DEFAULTS = {
  agentId: "agent001",
  apiUrl: "https://api.github.com",
  bottle: { draft: false, returnToBase: true },
  autonomous: {
    timeoutMinutes: 60,
    idleTimeoutMinutes: 15,
    maxHours: 8,
    pollIntervalSeconds: 60,
    driftIntervalSeconds: 10,
    maxAttemptsPerIssue: 3,
    leaseMinutes: 30,
    manualLeaseHours: 72,
    takeOverStale: true,
    maxCommitsBehindBase: 20,
    trustGate: true,
    trustedUsers: [] as readonly string[],
    quotaBackoffMinutes: 30,
  },
  review: {
    enabled: true,
    autoMerge: false,
    maxReworkRounds: 3,
    order: "rework-first",
    updateStrategy: "rebase",
    requiredApprovals: 1,
  },
  databasePath: ".my-little-soda/my-little-soda.db",
} as const;

/** Known keys per section, for unknown-key warnings. */
export function knownKeys(): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  for (const [section, schema] of Object.entries(fileConfigSchema.shape)) {
    sections.set(section, Object.keys(schema.unwrap().shape));
  }
  return sections;
}

/** What a key expects, in words, for type errors. */
export function expectedTypeOf(section: string, key: string): string | undefined {
  const sectionSchema = fileConfigSchema.shape[section as keyof typeof fileConfigSchema.shape];
  const keySchema = sectionSchema?.unwrap().shape[key as never] as z.ZodType | undefined;
  const meta = keySchema?.meta() as SettingMeta | undefined;
  return meta?.expected;
}
