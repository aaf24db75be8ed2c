import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../config/load-config.js";
import { numberFromEnv } from "../config/number-from-env.js";
import { resolveToken } from "../config/resolve-token.js";
import type { DoctorProbes, SettingsOutcome } from "../core/doctor/doctor-ports.js";
import { ConfigError, SodaError } from "../errors/index.js";
import { createGitWorkspace } from "../git/simple-git-workspace.js";
import { findProgram } from "../process/find-program.js";
import { isProcessAlive } from "../store/process-alive.js";
import { readVersion } from "../version.js";
import { runGh } from "./compose.js";
import type { GlobalOptions, Io } from "./io.js";
import type { Output } from "./output.js";

/**
 * `doctor`'s composition root: the probes `runDoctor` reads through, each one read-only. Unlike
 * `createAppContext` it opens no store (that would create state and write the git exclude file),
 * installs no ETag cache and no audit log, and loads the configuration as data, so an invalid one
 * is a line of the report rather than the end of the command.
 */
export function composeDoctor(globals: GlobalOptions, io: Io, out: Output): DoctorProbes {
  const git = createGitWorkspace({ cwd: io.cwd, env: io.env });
  return {
    nodeVersion: process.versions.node,
    cwd: io.cwd,
    gitVersion: () => gitVersion(io.env),
    gitRoot: () => git.root().catch(() => undefined),
    remoteUrl: (name) => git.remoteUrl(name),
    loadSettings: (input) => loadSettings(globals, io, input),
    resolveToken: (host) =>
      resolveToken(io.env, runGh(io.env), host).then(
        (found) => {
          out.addSecret(found.token);
          return found;
        },
        (error: unknown) => {
          if (error instanceof SodaError) return undefined;
          throw error;
        },
      ),
    openGitHub: (token, settings) => {
      const repository = settings.repository;
      if (!repository) throw new Error("openGitHub needs a repository");
      // Loaded only now: Octokit is not needed until a token and a repository are known.
      const reads = Promise.all([import("../github/create-octokit.js"), import("../github/doctor-reads.js")]).then(
        ([{ createOctokit }, { createDoctorReads }]) =>
          createDoctorReads({
            octokit: createOctokit({
              token,
              baseUrl: settings.apiUrl,
              userAgent: `my-little-soda/${readVersion()}`,
              // One retry: doctor reports an unreachable GitHub rather than waiting it out.
              retries: 1,
              retryBaseMs: numberFromEnv(io.env.MY_LITTLE_SODA_HTTP_RETRY_BASE_MS),
              maxRateLimitWaitSeconds: 0,
              onRequest: (entry) =>
                out.debug(`${entry.method} ${entry.url} → ${entry.status || "no response"} (${entry.durationMs} ms)`),
            }),
            owner: repository.owner,
            repo: repository.repo,
          }),
      );
      return {
        viewer: async () => (await reads).viewer(),
        repository: async () => (await reads).repository(),
        labels: async () => (await reads).labels(),
        rateLimit: async () => (await reads).rateLimit(),
      };
    },
    findProgram: (program, cwd) => findProgram(program, { cwd, env: io.env }),
    readFile: (file) =>
      readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return undefined;
        throw error;
      }),
    inspectStore: async (file) => (await import("../store/inspect-store.js")).inspectStore(file),
    isProcessAlive,
    hostname: os.hostname(),
    now: () => new Date(),
  };
}

async function loadSettings(
  globals: GlobalOptions,
  io: Io,
  { gitRoot, remoteUrl }: { gitRoot: string | undefined; remoteUrl: string | undefined },
): Promise<SettingsOutcome> {
  try {
    const { config, warnings, file } = await loadConfig({
      flags: { repo: globals.repo, apiUrl: globals.apiUrl, agent: globals.agent, config: globals.config },
      env: io.env,
      cwd: io.cwd,
      gitRoot,
      remoteUrl,
    });
    const relative = path.relative(io.cwd, file.path);
    return {
      kind: "loaded",
      settings: {
        repository: config.repository,
        apiUrl: config.apiUrl,
        host: config.host,
        agentId: config.agentId,
        agentCommand: config.autonomous.agentCommand,
        verify: config.bottle.verify,
        databasePath: config.databasePath,
        leaseMinutes: config.autonomous.leaseMinutes,
        configFile: { path: relative.startsWith("..") ? file.path : relative, exists: file.exists },
        warnings,
      },
    };
  } catch (error) {
    if (error instanceof ConfigError) return { kind: "invalid", message: error.message, hint: error.hint };
    throw error;
  }
}

function gitVersion(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile("git", ["--version"], { env, timeout: 10_000 }, (error, stdout) => resolve(error ? undefined : stdout));
  });
}
