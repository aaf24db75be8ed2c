import path from "node:path";
import { labelsToEnsure, type LabelSpec } from "../../domain/labels.js";
import { PermissionError } from "../../errors/index.js";
import type { Files, IssueTracker, RepositoryInfo } from "../ports.js";
import { CI_WORKFLOW, DEFAULT_PROMPT, DEFAULT_REWORK_PROMPT, renderConfigFile, STATE_GITIGNORE } from "./templates.js";

export type ChangeStatus = "created" | "updated" | "unchanged";

export interface LabelChange {
  label: LabelSpec;
  status: ChangeStatus;
  /** The name as it exists on GitHub today (labels match case-insensitively). */
  currentName?: string;
  /** What differs, for an update: "color ededed → 0052cc". */
  differences: string[];
}

export interface FileChange {
  /** Relative to the repository root. */
  path: string;
  status: ChangeStatus | "kept";
  content: string;
  reason?: string;
}

export interface InitPlan {
  repository: RepositoryInfo;
  user: string;
  labels: LabelChange[];
  files: FileChange[];
}

export interface PlanInitOptions {
  tracker: IssueTracker;
  files: Files;
  /** Repository root on disk. */
  root: string;
  agentId: string;
  apiUrl: string;
  baseBranch: string | undefined;
  /** Path of the config file to write, absolute. */
  configPath: string;
  force: boolean;
  ci: boolean;
}

export const WORKFLOW_PATH = ".github/workflows/my-little-soda.yml";

/** Check access, then work out every write `init` would make. Writes nothing. */
export async function planInit(options: PlanInitOptions): Promise<InitPlan> {
  const [viewer, repository] = await Promise.all([options.tracker.getViewer(), options.tracker.getRepository()]);
  if (!repository.canPush) {
    throw new PermissionError(`${viewer.login} cannot push to ${repository.fullName}`, {
      hint: "agents label issues, push branches and open pull requests: the token needs write access to the repository",
    });
  }
  const existing = await options.tracker.listLabels();
  const labels = planLabels(options.agentId, existing);

  const config = renderConfigFile({
    owner: repository.owner,
    repo: repository.name,
    baseBranch: options.baseBranch ?? repository.defaultBranch,
    agentId: options.agentId,
    apiUrl: options.apiUrl === "https://api.github.com" ? undefined : options.apiUrl,
  });
  const files = [
    await planFile(
      options,
      path.relative(options.root, options.configPath),
      config,
      options.force ? "replace" : "keep",
    ),
    await planFile(options, ".my-little-soda/.gitignore", STATE_GITIGNORE, "replace"),
    await planFile(options, ".my-little-soda/prompt.md", DEFAULT_PROMPT, "keep"),
    await planFile(options, ".my-little-soda/rework.md", DEFAULT_REWORK_PROMPT, "keep"),
  ];
  if (options.ci) files.push(await planFile(options, WORKFLOW_PATH, CI_WORKFLOW, options.force ? "replace" : "keep"));
  return { repository, user: viewer.login, labels, files };
}

/** Each label `init` ensures, against those the repository has (`doctor` reads the same plan). */
export function planLabels(agentId: string, existing: readonly LabelSpec[]): LabelChange[] {
  return labelsToEnsure(agentId).map((label) => planLabel(label, existing));
}

function planLabel(label: LabelSpec, existing: readonly LabelSpec[]): LabelChange {
  const current = existing.find((candidate) => candidate.name.toLowerCase() === label.name.toLowerCase());
  if (!current) return { label, status: "created", differences: [] };
  const differences: string[] = [];
  if (current.name !== label.name) differences.push(`name ${current.name} → ${label.name}`);
  if (current.color.toLowerCase() !== label.color.toLowerCase())
    differences.push(`color ${current.color} → ${label.color}`);
  // A description someone wrote on purpose is theirs; we only fill in a missing one.
  const description = current.description || label.description;
  if (description !== current.description) differences.push("description added");
  return {
    label: { ...label, description },
    status: differences.length > 0 ? "updated" : "unchanged",
    currentName: current.name,
    differences,
  };
}

/** "keep": an existing file is the user's and stays; "replace": ours, rewritten when it differs. */
async function planFile(
  options: PlanInitOptions,
  relativePath: string,
  content: string,
  whenPresent: "keep" | "replace",
): Promise<FileChange> {
  const current = await options.files.read(path.join(options.root, relativePath));
  if (current === undefined) return { path: relativePath, status: "created", content };
  if (current === content) return { path: relativePath, status: "unchanged", content };
  if (whenPresent === "keep") {
    return { path: relativePath, status: "kept", content, reason: "already exists (use --force to overwrite)" };
  }
  return { path: relativePath, status: "updated", content };
}
