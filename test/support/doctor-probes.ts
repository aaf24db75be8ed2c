import type {
  DoctorGitHub,
  DoctorProbes,
  DoctorSettings,
  RepositoryAccess,
  StoreInspection,
} from "../../src/core/doctor/doctor-ports.js";
import { labelsToEnsure, type LabelSpec } from "../../src/domain/labels.js";
import { AuthenticationError } from "../../src/errors/index.js";

export const ROOT = "/work/clone";
export const NOW = new Date("2026-03-01T12:00:00Z");

/** Everything a healthy clone answers; each test changes the one thing it is about. */
export interface DoctorWorld {
  nodeVersion: string;
  gitVersion: string | undefined;
  root: string | undefined;
  remoteUrl: string | undefined;
  settings: DoctorSettings | { invalid: string };
  token: { token: string; source: string } | undefined;
  access: RepositoryAccess | Error;
  labels: LabelSpec[];
  rate: { limit: number; remaining: number; used: number; resetAt: Date };
  /** Programs found on PATH, by name; anything else is missing. */
  programs: Record<string, "found" | "not-executable">;
  files: Record<string, string>;
  store: StoreInspection;
  alive: number[];
}

export function healthyWorld(): DoctorWorld {
  return {
    nodeVersion: "20.11.1",
    gitVersion: "git version 2.39.5\n",
    root: ROOT,
    remoteUrl: "https://github.com/acme/widgets.git",
    settings: {
      repository: { owner: "acme", repo: "widgets", source: "my-little-soda.toml" },
      apiUrl: "https://api.github.com",
      host: "github.com",
      agentId: "agent001",
      agentCommand: ["claude", "-p", "do it"],
      verify: ["npm", "test"],
      databasePath: `${ROOT}/.my-little-soda/my-little-soda.db`,
      leaseMinutes: 30,
      configFile: { path: "my-little-soda.toml", exists: true },
      warnings: [],
    },
    token: { token: "ghp_unitTestToken0123456789abcdefghij", source: "MY_LITTLE_SODA_GITHUB_TOKEN" },
    access: {
      fullName: "acme/widgets",
      isPrivate: true,
      permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
      tokenScopes: ["repo", "workflow"],
    },
    labels: labelsToEnsure("agent001"),
    rate: { limit: 5000, remaining: 4990, used: 10, resetAt: new Date("2026-03-01T12:40:00Z") },
    programs: { claude: "found", npm: "found" },
    files: {},
    store: { kind: "read", schemaVersion: 4, latestSchemaVersion: 4, problems: [], loopLocks: [] },
    alive: [],
  };
}

/** Probes over a world we own, recording what GitHub was asked. */
export function probesOf(world: DoctorWorld): DoctorProbes & { githubCalls: string[] } {
  const githubCalls: string[] = [];
  const github: DoctorGitHub = {
    viewer: async () => {
      githubCalls.push("viewer");
      if (world.access instanceof Error) throw world.access;
      return "alice";
    },
    repository: async () => {
      githubCalls.push("repository");
      if (world.access instanceof Error) throw world.access;
      return world.access;
    },
    labels: async () => {
      githubCalls.push("labels");
      if (world.access instanceof Error) throw world.access;
      return world.labels;
    },
    rateLimit: async () => {
      githubCalls.push("rateLimit");
      if (world.access instanceof AuthenticationError) throw world.access;
      return world.rate;
    },
  };
  return {
    githubCalls,
    nodeVersion: world.nodeVersion,
    cwd: world.root ?? "/somewhere",
    gitVersion: async () => world.gitVersion,
    gitRoot: async () => world.root,
    remoteUrl: async () => world.remoteUrl,
    loadSettings: async () =>
      "invalid" in world.settings
        ? { kind: "invalid", message: world.settings.invalid, hint: "fix the value in the file" }
        : { kind: "loaded", settings: world.settings },
    resolveToken: async () => world.token,
    openGitHub: () => github,
    findProgram: async (program, cwd) => {
      const found = world.programs[program];
      const at = program.includes("/") ? `${cwd}/${program}` : `/usr/bin/${program}`;
      return found ? { kind: found, path: at } : { kind: "missing" };
    },
    readFile: async (file) => world.files[file],
    inspectStore: async () => world.store,
    isProcessAlive: (pid) => world.alive.includes(pid),
    hostname: "this-host",
    now: () => NOW,
  };
}

/** The world's settings, for a test that changes one of them. */
export function settingsOf(world: DoctorWorld): DoctorSettings {
  if ("invalid" in world.settings) throw new Error("the world's configuration is invalid");
  return world.settings;
}
