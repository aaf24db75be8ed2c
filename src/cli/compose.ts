import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadConfig, type LoadedConfig } from "../config/load-config.js";
import { numberFromEnv as numberFrom } from "../config/number-from-env.js";
import { resolveToken } from "../config/resolve-token.js";
import { AuditContext, type RecordWrite } from "../core/audit.js";
import type { Files, GitWorkspace, IssueTracker } from "../core/ports.js";
import type { ReviewTracker } from "../core/review-ports.js";
import type { HttpCache, Store } from "../core/store-port.js";
import type { HttpAttempt } from "../domain/error-class.js";
import { secretPartsOfUrl } from "../domain/redact-secrets.js";
import { ConfigError, GitError } from "../errors/index.js";
import { auditGitWrites } from "../git/audit-git-writes.js";
import { createGitWorkspace } from "../git/simple-git-workspace.js";
import { readVersion } from "../version.js";
import type { GlobalOptions, Io } from "./io.js";
import type { Output } from "./output.js";
import { timeCalls } from "./time-spent.js";

/**
 * The composition root: the only place that builds adapters and hands them to use cases.
 * Commands ask for what they need; nothing is built that a command does not use.
 */
export interface AppContext {
  config: LoadedConfig["config"];
  configFile: LoadedConfig["file"];
  /** The repository's top level, or the working directory outside git. */
  root: string;
  /** The local checkout, when the command runs inside one. */
  git: GitWorkspace | undefined;
  files: Files;
  /**
   * GitHub for the configured repository (token resolved on first use). GETs go through the
   * store's ETag cache unless `cache: false` (init, which must not create state before it has
   * written the .gitignore that keeps state out of git).
   */
  tracker(options?: { cache?: boolean }): Promise<IssueTracker>;
  /** Our pull requests in review (design §11), over the same client and cache as `tracker()`. */
  reviews(): Promise<ReviewTracker>;
  /** The repository (owner/repo), or a configuration error saying how to name it. */
  requireRepository(): { owner: string; repo: string };
  requireGit(): GitWorkspace;
  /** A workspace for another working tree of the same repository (an issue's worktree). */
  openWorkspace(dir: string): GitWorkspace;
  /**
   * The local store (`[database] path`), opened once per process and shared with the ETag
   * cache. With `create`, the state directory is made if missing; without it, a repository
   * where init never ran has no store (undefined).
   */
  store(options?: { create?: boolean }): Promise<Store | undefined>;
  /** Values never to print or store (the token, once resolved). */
  readonly secrets: string[];
  /** Listen to every HTTP try made to GitHub (register before the first `tracker()` call). */
  onHttpAttempt(listener: (attempt: HttpAttempt) => void): void;
  /**
   * The run and work item stamped on the audit log's entries (design §8): every GitHub write made
   * through `tracker()` and every git write through `git` or `openWorkspace` is recorded there,
   * wherever the store exists. The autonomous loop sets it; other commands leave it empty.
   */
  readonly audit: AuditContext;
}

export async function createAppContext(globals: GlobalOptions, io: Io, out: Output): Promise<AppContext> {
  const audit = new AuditContext();
  // Declared before the store exists: a git write records once the store is open (or not at all
  // where `init` never ran). Bound late because the store is opened after the config is read.
  let recordWrite: RecordWrite = async () => {};
  const openGit = (dir: string) =>
    timeCalls(
      auditGitWrites(createGitWorkspace({ cwd: dir, env: io.env }), (write) => recordWrite(write)),
      (ms, method) => {
        out.timeSpent.record("git", ms);
        out.debug(`git ${method} (${Math.round(ms)} ms)`);
      },
    );
  const git = openGit(io.cwd);
  const gitRoot = await git.root().catch((error: unknown) => {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    out.debug(`no git repository here: ${cause.trim()}`);
    return undefined;
  });
  const workspace = gitRoot ? git : undefined;
  const loaded = await loadConfig({
    flags: { repo: globals.repo, apiUrl: globals.apiUrl, agent: globals.agent, config: globals.config },
    env: io.env,
    cwd: io.cwd,
    gitRoot,
    remoteUrl: workspace ? await workspace.remoteUrl("origin") : undefined,
  });
  for (const warning of loaded.warnings) out.warn(warning);
  const { config } = loaded;

  const requireRepository = () => {
    if (config.repository) return config.repository;
    throw new ConfigError("cannot tell which GitHub repository to use", {
      hint: "pass --repo owner/name, set [github] owner and repo in my-little-soda.toml, or add an `origin` remote pointing at GitHub",
    });
  };

  let clients: Promise<GitHubClients> | undefined;
  let store: Promise<Store | undefined> | undefined;
  const secrets: string[] = [];
  // The webhook carries its key in its URL: kept out of every line printed and every row stored.
  if (config.notify.webhookUrl) {
    for (const part of secretPartsOfUrl(config.notify.webhookUrl)) {
      secrets.push(part);
      out.addSecret(part);
    }
  }
  const attemptListeners: Array<(attempt: HttpAttempt) => void> = [];
  const openState = async (create: boolean): Promise<Store | undefined> => {
    if (!workspace) return undefined;
    await workspace.excludeLocally(STATE_EXCLUDES);
    const dir = path.dirname(config.databasePath);
    if (!existsSync(dir)) {
      if (!create) return undefined;
      await mkdir(dir, { recursive: true });
    }
    const { openStore } = await import("../store/open-store.js");
    return openStore({ path: config.databasePath, secrets });
  };
  const storeOf = async (create: boolean) => {
    const opened = await (store ??= openState(create));
    if (opened || !create) return opened;
    store = openState(true);
    return store;
  };
  recordWrite = async (write) => {
    try {
      (await storeOf(false))?.audit({ ...audit.current(), ...write });
    } catch (error) {
      out.warn(
        `the audit log did not record ${write.action} ${write.target}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  return {
    secrets,
    audit,
    onHttpAttempt: (listener) => attemptListeners.push(listener),
    openWorkspace: openGit,
    store: (options = {}) => storeOf(options.create === true),
    config,
    configFile: loaded.file,
    root: gitRoot ?? io.cwd,
    git: workspace,
    files: nodeFiles,
    requireRepository,
    requireGit: () => {
      if (workspace) return workspace;
      throw new GitError(`${io.cwd} is not inside a git repository`, {
        hint: "run my-little-soda inside a clone of the repository",
      });
    },
    tracker: async (options = {}) => (await (clients ??= buildClients(options.cache !== false))).tracker,
    reviews: async () => (await (clients ??= buildClients(true))).review(),
  };

  function buildClients(cache: boolean): Promise<GitHubClients> {
    return buildTracker(
      requireRepository(),
      config,
      io,
      out,
      { secrets, attemptListeners, recordWrite },
      cache ? () => storeOf(false) : undefined,
    );
  }
}

interface GitHubClients {
  tracker: IssueTracker;
  /** Loaded on first use: most commands never look at reviews. */
  review(): Promise<ReviewTracker>;
}

async function buildTracker(
  repository: { owner: string; repo: string },
  config: LoadedConfig["config"],
  io: Io,
  out: Output,
  {
    secrets,
    attemptListeners,
    recordWrite,
  }: { secrets: string[]; attemptListeners: Array<(attempt: HttpAttempt) => void>; recordWrite: RecordWrite },
  /** The store holding the ETag cache; none means no cache. */
  cacheStore: (() => Promise<HttpCache | undefined>) | undefined,
): Promise<GitHubClients> {
  const { token, source } = await resolveToken(io.env, runGh(io.env), config.host);
  out.addSecret(token);
  secrets.push(token);
  out.debug(`token from ${source}; API ${config.apiUrl}; repository ${repository.owner}/${repository.repo}`);
  // The store (git and file work) opens while Octokit loads.
  const opening = cacheStore ? openHttpCache(cacheStore, config.databasePath, out) : Promise.resolve(undefined);
  // Loaded here, not at the top, so --help and --version never load Octokit (design §9).
  const [{ createOctokit }, { GitHubIssueTracker }] = await Promise.all([
    import("../github/create-octokit.js"),
    import("../github/github-issue-tracker.js"),
  ]);
  const octokit = createOctokit({
    token,
    baseUrl: config.apiUrl,
    userAgent: `my-little-soda/${readVersion()}`,
    writeSpacingMs: numberFrom(io.env.MY_LITTLE_SODA_HTTP_WRITE_SPACING_MS),
    retryBaseMs: numberFrom(io.env.MY_LITTLE_SODA_HTTP_RETRY_BASE_MS),
    maxRateLimitWaitSeconds: numberFrom(io.env.MY_LITTLE_SODA_MAX_RATE_LIMIT_WAIT_SECONDS),
    onRequest: (entry) =>
      out.debug(`${entry.method} ${entry.url} → ${entry.status || "no response"} (${entry.durationMs} ms)`),
    onAttempt: (attempt) => attemptListeners.forEach((listener) => listener(attempt)),
    onTryTime: (ms) => out.timeSpent.record("github", ms),
    onPaceWait: (wait) => {
      // Recorded as it starts: the pacer sleeps exactly this long.
      out.timeSpent.recordAhead("waiting", wait.ms);
      out.debug(
        `write pacing: ${wait.what} waits ${wait.ms} ms (${wait.writesLastMinute} ${wait.notifying ? "notifying " : ""}writes in the last minute)`,
      );
    },
    onRateLimitWait: (kind, seconds) => {
      out.timeSpent.recordAhead("waiting", seconds * 1000);
      out.warn(`GitHub ${kind === "secondary" ? "secondary " : ""}rate limit hit; retrying in ${seconds} s`);
    },
  });
  // The ETag cache lives in the repository's store; outside a checkout there is none to use.
  const cache = await opening;
  if (cache) {
    const { installEtagCache } = await import("../github/etag-cache.js");
    installEtagCache(
      octokit,
      cache,
      createHash("sha256").update(`${config.apiUrl} ${token}`).digest("hex").slice(0, 16),
    );
  }
  // Last, so it wraps the retry plugins and the cache: one entry per write, with its final outcome.
  // Writes are recorded once the store exists (not during the first `init`, which makes it).
  const { installAuditLog } = await import("../github/audit-writes.js");
  installAuditLog(octokit, recordWrite);
  const context = { octokit, owner: repository.owner, repo: repository.repo };
  let review: Promise<ReviewTracker> | undefined;
  return {
    tracker: new GitHubIssueTracker(context),
    review: () =>
      (review ??= import("../github/review-tracker.js").then(
        ({ GitHubReviewTracker }) => new GitHubReviewTracker(context),
      )),
  };
}

/** The store's HTTP cache, or none (with a warning) when the store cannot be opened: it only saves requests. */
async function openHttpCache(
  open: () => Promise<HttpCache | undefined>,
  dbPath: string,
  out: Output,
): Promise<HttpCache | undefined> {
  try {
    // Commands that only read never create state: no state directory (init never ran), no cache.
    return await open();
  } catch (error) {
    out.warn(
      `the local store ${dbPath} cannot be used, so answers are not cached: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
}

/** `gh` as the token's last source (design §6); undefined when gh is missing or fails. */
export function runGh(env: NodeJS.ProcessEnv) {
  return (args: string[]) =>
    new Promise<string | undefined>((resolve) => {
      execFile("gh", args, { env, timeout: 10_000 }, (error, stdout) => resolve(error ? undefined : stdout));
    });
}

/** Local state stays invisible to git on every branch, .gitignore committed there or not. */
const STATE_EXCLUDES = [
  "/.my-little-soda/*",
  "!/.my-little-soda/.gitignore",
  "!/.my-little-soda/prompt.md",
  "!/.my-little-soda/rework.md",
];

const nodeFiles: Files = {
  async read(file) {
    try {
      return await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  },
  async write(file, content) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content, "utf8");
  },
};
