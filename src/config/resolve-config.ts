import path from "node:path";
import { ConfigError } from "../errors/index.js";
import { apiUrlForHost, parseRemoteUrl } from "./parse-remote-url.js";
import { DEFAULTS, type FileConfig } from "./settings.js";
import { splitCommand } from "./split-command.js";

export interface ConfigFlags {
  repo?: string;
  apiUrl?: string;
  agent?: string;
}

export interface ResolvedConfig {
  /** The repository, when it could be told from flags, environment, file or remote. */
  repository: { owner: string; repo: string; source: string } | undefined;
  apiUrl: string;
  /** The host of the GitHub instance (for `gh auth token --hostname`). */
  host: string;
  /** Configured base branch; undefined means "the repository's default branch". */
  baseBranch: string | undefined;
  agentId: string;
  bottle: { verify: string[] | undefined; draft: boolean; returnToBase: boolean };
  autonomous: {
    agentCommand: string[] | undefined;
    timeoutMinutes: number;
    idleTimeoutMinutes: number;
    maxHours: number;
    maxIssues: number | undefined;
    pollIntervalSeconds: number;
    driftIntervalSeconds: number;
    maxAttemptsPerIssue: number;
    /** No limit when undefined. */
    maxCostUsdPerIssue: number | undefined;
    maxCostUsdPerRun: number | undefined;
    leaseMinutes: number;
    manualLeaseHours: number;
    takeOverStale: boolean;
    maxCommitsBehindBase: number;
    /** The trust gate (design §5): on unless turned off. */
    trustGate: boolean;
    /** Logins trusted without write access. */
    trustedUsers: readonly string[];
    /** Patterns of a quota message; undefined: the defaults (src/domain/agent-quota.ts). */
    quotaPatterns: readonly string[] | undefined;
    quotaBackoffMinutes: number;
  };
  review: {
    enabled: boolean;
    autoMerge: boolean;
    /** undefined: the repository's allowed method. */
    mergeMethod: "merge" | "squash" | "rebase" | undefined;
    maxReworkRounds: number;
    order: "rework-first" | "issues-first";
    updateStrategy: "rebase" | "merge";
    requiredApprovals: number;
  };
  /** `[notify]`: the webhook is a secret (shown only as scheme and host). */
  notify: { webhookUrl: string | undefined };
  databasePath: string;
}

export interface ResolveConfigInput {
  flags: ConfigFlags;
  env: NodeJS.ProcessEnv;
  file: FileConfig;
  /** The `origin` remote's URL as configured, if any. */
  remoteUrl: string | undefined;
  /** Directory relative paths in the config are resolved against (the repository root). */
  root: string;
}

/** flags > environment > file > defaults (design §6); the remote is the last word on owner/repo. */
export function resolveConfig(input: ResolveConfigInput): ResolvedConfig {
  const { flags, env, file } = input;
  const remote = input.remoteUrl ? parseRemoteUrl(input.remoteUrl) : undefined;
  const apiUrl =
    flags.apiUrl ??
    nonEmpty(env.MY_LITTLE_SODA_GITHUB_API_URL) ??
    nonEmpty(env.GITHUB_API_URL) ??
    file.github?.api_url ??
    (remote ? apiUrlForHost(remote.host) : DEFAULTS.apiUrl);
  const agentId = flags.agent ?? nonEmpty(env.MY_LITTLE_SODA_AGENT_ID) ?? file.agent?.id ?? DEFAULTS.agentId;
  if (!/^agent\d+$/.test(agentId)) {
    throw new ConfigError(`invalid agent id "${agentId}"`, {
      hint: 'an agent id is "agent" followed by digits, e.g. agent001',
    });
  }
  const auto = file.autonomous ?? {};
  return {
    repository: resolveRepository(flags, env, file, remote),
    apiUrl: apiUrl.replace(/\/+$/, ""),
    host: hostOf(apiUrl),
    baseBranch: file.github?.base_branch,
    agentId,
    bottle: {
      verify: file.bottle?.verify === undefined ? undefined : splitCommand(file.bottle.verify),
      draft: file.bottle?.draft ?? DEFAULTS.bottle.draft,
      returnToBase: file.bottle?.return_to_base ?? DEFAULTS.bottle.returnToBase,
    },
    autonomous: {
      agentCommand: auto.agent_command === undefined ? undefined : splitCommand(auto.agent_command),
      timeoutMinutes: auto.timeout_minutes ?? DEFAULTS.autonomous.timeoutMinutes,
      idleTimeoutMinutes: auto.idle_timeout_minutes ?? DEFAULTS.autonomous.idleTimeoutMinutes,
      maxHours: auto.max_hours ?? DEFAULTS.autonomous.maxHours,
      maxIssues: auto.max_issues,
      pollIntervalSeconds: auto.poll_interval_seconds ?? DEFAULTS.autonomous.pollIntervalSeconds,
      driftIntervalSeconds: auto.drift_interval_seconds ?? DEFAULTS.autonomous.driftIntervalSeconds,
      maxAttemptsPerIssue: auto.max_attempts_per_issue ?? DEFAULTS.autonomous.maxAttemptsPerIssue,
      maxCostUsdPerIssue: auto.max_cost_usd_per_issue,
      maxCostUsdPerRun: auto.max_cost_usd_per_run,
      leaseMinutes: auto.lease_minutes ?? DEFAULTS.autonomous.leaseMinutes,
      manualLeaseHours: auto.manual_lease_hours ?? DEFAULTS.autonomous.manualLeaseHours,
      takeOverStale: auto.take_over_stale ?? DEFAULTS.autonomous.takeOverStale,
      maxCommitsBehindBase: auto.max_commits_behind_base ?? DEFAULTS.autonomous.maxCommitsBehindBase,
      trustGate: auto.trust_gate ?? DEFAULTS.autonomous.trustGate,
      trustedUsers: auto.trusted_users ?? DEFAULTS.autonomous.trustedUsers,
      quotaPatterns: auto.quota_patterns,
      quotaBackoffMinutes: auto.quota_backoff_minutes ?? DEFAULTS.autonomous.quotaBackoffMinutes,
    },
    review: {
      enabled: file.review?.enabled ?? DEFAULTS.review.enabled,
      autoMerge: file.review?.auto_merge ?? DEFAULTS.review.autoMerge,
      mergeMethod: file.review?.merge_method,
      maxReworkRounds: file.review?.max_rework_rounds ?? DEFAULTS.review.maxReworkRounds,
      order: file.review?.order ?? DEFAULTS.review.order,
      updateStrategy: file.review?.update_strategy ?? DEFAULTS.review.updateStrategy,
      requiredApprovals: file.review?.required_approvals ?? DEFAULTS.review.requiredApprovals,
    },
    notify: { webhookUrl: webhookUrl(nonEmpty(env.MY_LITTLE_SODA_NOTIFY_WEBHOOK_URL), file.notify?.webhook_url) },
    databasePath: path.resolve(input.root, file.database?.path ?? DEFAULTS.databasePath),
  };
}

/** The environment's webhook, else the file's; checked without ever echoing it (it is a secret). */
function webhookUrl(fromEnv: string | undefined, fromFile: string | undefined): string | undefined {
  const url = fromEnv ?? fromFile?.trim();
  if (url === undefined) return undefined;
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== "https:" && protocol !== "http:") {
    const where = fromEnv ? "MY_LITTLE_SODA_NOTIFY_WEBHOOK_URL" : "[notify] webhook_url";
    throw new ConfigError(`${where} is not an http(s) URL`, {
      hint: "use the full URL the service gave you, e.g. https://hooks.slack.com/services/…",
    });
  }
  return url;
}

function resolveRepository(
  flags: ConfigFlags,
  env: NodeJS.ProcessEnv,
  file: FileConfig,
  remote: { owner: string; repo: string } | undefined,
): ResolvedConfig["repository"] {
  if (flags.repo) return { ...splitFullName(flags.repo, "--repo"), source: "--repo" };
  const envOwner = nonEmpty(env.MY_LITTLE_SODA_GITHUB_OWNER);
  const envRepo = nonEmpty(env.MY_LITTLE_SODA_GITHUB_REPO);
  if (envOwner && envRepo) return { owner: envOwner, repo: envRepo, source: "MY_LITTLE_SODA_GITHUB_OWNER/_REPO" };
  const actions = nonEmpty(env.GITHUB_REPOSITORY);
  if (actions) return { ...splitFullName(actions, "GITHUB_REPOSITORY"), source: "GITHUB_REPOSITORY" };
  const owner = envOwner ?? file.github?.owner ?? remote?.owner;
  const repo = envRepo ?? file.github?.repo ?? remote?.repo;
  if (!owner || !repo) return undefined;
  const source =
    file.github?.owner && file.github.repo ? "my-little-soda.toml" : remote ? "origin remote" : "environment";
  return { owner, repo, source };
}

function splitFullName(value: string, where: string): { owner: string; repo: string } {
  const match = /^([A-Za-z0-9-_.]+)\/([A-Za-z0-9-_.]+)$/.exec(value.trim());
  if (!match?.[1] || !match[2]) {
    throw new ConfigError(`${where} must be owner/name, got "${value}"`, {
      hint: "for example --repo octo-org/widgets",
    });
  }
  return { owner: match[1], repo: match[2].replace(/\.git$/, "") };
}

function hostOf(apiUrl: string): string {
  try {
    const host = new URL(apiUrl).hostname;
    return host === "api.github.com" ? "github.com" : host;
  } catch {
    throw new ConfigError(`invalid API URL "${apiUrl}"`, {
      hint: "use a full URL such as https://ghe.example.com/api/v3",
    });
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
