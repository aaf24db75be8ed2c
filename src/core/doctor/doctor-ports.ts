import type { LabelSpec } from "../../domain/labels.js";
import type { RateLimitInfo } from "../ports.js";

/**
 * What `doctor` reads, all of it injected by the composition root (src/cli/compose-doctor.ts) so
 * that core reads no global and tests pass their own. Every probe only reads: none of them may
 * create, change or delete anything, locally or on GitHub.
 */
export interface DoctorProbes {
  /** The running Node's version (`process.versions.node`). */
  nodeVersion: string;
  /** Where doctor runs. */
  cwd: string;
  /** What `git --version` prints; undefined when git cannot be run. */
  gitVersion(): Promise<string | undefined>;
  /** The repository's top level; undefined outside one. */
  gitRoot(): Promise<string | undefined>;
  /** A remote's URL as configured; undefined when there is no such remote. */
  remoteUrl(name: string): Promise<string | undefined>;
  /** The configuration, through the same loader every command uses. */
  loadSettings(input: { gitRoot: string | undefined; remoteUrl: string | undefined }): Promise<SettingsOutcome>;
  /** The token and where it came from (design §6's order); undefined when there is none. */
  resolveToken(host: string | undefined): Promise<{ token: string; source: string } | undefined>;
  /** GitHub, read-only, for the configured repository. */
  openGitHub(token: string, settings: DoctorSettings): DoctorGitHub;
  /** Where a program would be found the way the agent and verify commands are started (no shell). */
  findProgram(program: string, cwd: string): Promise<ProgramLookup>;
  /** A file's text; undefined when it does not exist. */
  readFile(path: string): Promise<string | undefined>;
  /** The store, opened so that nothing is written (not even SQLite's companion files). */
  inspectStore(path: string): Promise<StoreInspection>;
  isProcessAlive(pid: number): boolean;
  /** This machine's host name, as the loop lock records it. */
  hostname: string;
  now(): Date;
}

/** The parts of the resolved configuration doctor looks at. */
export interface DoctorSettings {
  repository: { owner: string; repo: string; source: string } | undefined;
  apiUrl: string;
  host: string;
  agentId: string;
  agentCommand: readonly string[] | undefined;
  verify: readonly string[] | undefined;
  databasePath: string;
  leaseMinutes: number;
  /** The configuration file, relative to where doctor runs when inside it. */
  configFile: { path: string; exists: boolean };
  /** Unknown sections and keys, one sentence each. */
  warnings: string[];
}

export type SettingsOutcome =
  { kind: "loaded"; settings: DoctorSettings } | { kind: "invalid"; message: string; hint: string | undefined };

export type ProgramLookup =
  { kind: "found"; path: string } | { kind: "not-executable"; path: string } | { kind: "missing" };

/** What GET /repos/{owner}/{repo} says about our access. */
export interface RepositoryAccess {
  fullName: string;
  isPrivate: boolean;
  permissions: { admin: boolean; maintain: boolean; push: boolean; triage: boolean; pull: boolean };
  /** A classic or OAuth token's scopes (`X-OAuth-Scopes`); undefined when GitHub sent none (fine-grained, App). */
  tokenScopes: string[] | undefined;
}

export interface DoctorGitHub {
  viewer(): Promise<string>;
  repository(): Promise<RepositoryAccess>;
  labels(): Promise<LabelSpec[]>;
  rateLimit(): Promise<RateLimitInfo>;
}

export interface StoredLoopLock {
  repository: string;
  agentId: string;
  pid: number;
  host: string;
  since: Date;
  heartbeatAt: Date;
}

export type StoreInspection =
  | { kind: "absent" }
  | { kind: "unreadable"; message: string }
  | {
      kind: "read";
      schemaVersion: number;
      /** The version this code writes. */
      latestSchemaVersion: number;
      /** What SQLite's integrity and foreign key checks found; empty when sound. */
      problems: string[];
      loopLocks: StoredLoopLock[];
    };
