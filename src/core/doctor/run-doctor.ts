import path from "node:path";
import { WORKFLOW_PATH } from "../init/plan-init.js";
import { checkOf, type DoctorCheck, type DoctorReport } from "./doctor-check.js";
import type { DoctorGitHub, DoctorProbes, DoctorSettings, SettingsOutcome } from "./doctor-ports.js";
import { checkConfig } from "./checks/config.js";
import {
  checkLabels,
  checkPermissions,
  checkRateLimit,
  checkRepositoryReachable,
  type Settled,
} from "./checks/github.js";
import { checkAgentCommand, checkVerifyCommand } from "./checks/programs.js";
import { checkRemote } from "./checks/remote.js";
import { checkLocks, checkStore } from "./checks/store.js";
import { checkToken } from "./checks/token.js";
import { checkGit, checkGitRepository, checkNode } from "./checks/tools.js";
import { checkWorkflow } from "./checks/workflow.js";

/**
 * `doctor` (design §4): every check a first run needs, read-only. Checks that do I/O start as soon
 * as what they depend on is known, side by side; one whose prerequisite failed is `skipped` with
 * the reason. The report lists them in a fixed order, whatever order they finished in.
 */
export async function runDoctor(probes: DoctorProbes): Promise<DoctorReport> {
  const gitVersion = probes.gitVersion();
  const root = gitVersion.then((version) => (version === undefined ? undefined : probes.gitRoot()));
  const remoteUrl = root.then((dir) => (dir === undefined ? undefined : probes.remoteUrl("origin")));
  const settings = Promise.all([root, remoteUrl]).then(([gitRoot, url]) =>
    probes.loadSettings({ gitRoot, remoteUrl: url }),
  );
  const token = settings.then((outcome) => probes.resolveToken(loaded(outcome)?.host));
  const workflowText = root.then((dir) =>
    dir === undefined ? undefined : probes.readFile(path.join(dir, WORKFLOW_PATH)),
  );
  const github = Promise.all([settings, token]).then(([outcome, found]) => readGitHub(probes, outcome, found));
  const store = Promise.all([root, settings]).then(([dir, outcome]) => {
    const config = loaded(outcome);
    return dir === undefined || config === undefined ? undefined : probes.inspectStore(config.databasePath);
  });
  const workdir = root.then((dir) => dir ?? probes.cwd);
  const find = async (program: string) => probes.findProgram(program, await workdir);

  const checks = await Promise.all<DoctorCheck>([
    checkNode(probes.nodeVersion),
    gitVersion.then(checkGit),
    Promise.all([gitVersion, root]).then(([version, dir]) =>
      checkGitRepository(dir, probes.cwd, version === undefined),
    ),
    Promise.all([root, remoteUrl, settings]).then(([dir, url, outcome]) =>
      checkRemote({ root: dir, url, settings: outcome }),
    ),
    settings.then(checkConfig),
    token.then(checkToken),
    github.then((read) =>
      "skipped" in read ? checkOf("repository", "repository").skipped(read.skipped) : checkRepositoryReachable(read),
    ),
    Promise.all([github, token, workflowText]).then(([read, found, text]) =>
      "skipped" in read || !found
        ? checkOf("permissions", "token permissions").skipped("skipped" in read ? read.skipped : "no token")
        : checkPermissions(read.repository, found.token, text !== undefined),
    ),
    github.then(async (read) =>
      "skipped" in read
        ? checkOf("labels", "labels").skipped(read.skipped)
        : checkLabels(await read.labels, read.repository.ok, read.agentId),
    ),
    settings.then((outcome) => checkAgentCommand(outcome, find)),
    settings.then((outcome) => checkVerifyCommand(outcome, find)),
    Promise.all([root, settings, store]).then(([dir, outcome, inspection]) => {
      const check = checkOf("store", "local store");
      if (dir === undefined) return check.skipped("not inside a git repository");
      const config = loaded(outcome);
      if (!config || !inspection) return check.skipped("the configuration is invalid");
      return checkStore(inspection, config.databasePath, dir);
    }),
    Promise.all([settings, store]).then(([outcome, inspection]) => {
      const config = loaded(outcome);
      if (!config || !inspection) return checkOf("locks", "loop lock").skipped("the store was not read");
      return checkLocks(inspection, {
        settings: config,
        hostname: probes.hostname,
        now: probes.now(),
        isProcessAlive: (pid) => probes.isProcessAlive(pid),
      });
    }),
    Promise.all([root, workflowText]).then(([dir, text]) => checkWorkflow(dir, text)),
    github.then(async (read) =>
      "skipped" in read
        ? checkOf("rate-limit", "rate limit").skipped(read.skipped)
        : checkRateLimit(await read.rateLimit, read.repository.ok),
    ),
  ]);
  return { checks, failed: checks.some((check) => check.status === "fail") };
}

type GitHubRead =
  | { skipped: string }
  | {
      fullName: string;
      apiUrl: string;
      agentId: string;
      viewer: Settled<string>;
      repository: Settled<Awaited<ReturnType<DoctorGitHub["repository"]>>>;
      labels: Promise<Settled<Awaited<ReturnType<DoctorGitHub["labels"]>>>>;
      rateLimit: Promise<Settled<Awaited<ReturnType<DoctorGitHub["rateLimit"]>>>>;
    };

/** The four reads, all at once; the repository's answer decides whether the others are worth reporting. */
async function readGitHub(
  probes: DoctorProbes,
  outcome: SettingsOutcome,
  found: { token: string; source: string } | undefined,
): Promise<GitHubRead> {
  const config = loaded(outcome);
  if (!config) return { skipped: "the configuration is invalid" };
  if (!found) return { skipped: "no token" };
  if (!config.repository) return { skipped: "no repository is named (origin remote or [github] owner and repo)" };
  const github = probes.openGitHub(found.token, config);
  const labels = settle(github.labels());
  const rateLimit = settle(github.rateLimit());
  const [viewer, repository] = await Promise.all([settle(github.viewer()), settle(github.repository())]);
  return {
    fullName: `${config.repository.owner}/${config.repository.repo}`,
    apiUrl: config.apiUrl,
    agentId: config.agentId,
    viewer,
    repository,
    labels,
    rateLimit,
  };
}

function loaded(outcome: SettingsOutcome): DoctorSettings | undefined {
  return outcome.kind === "loaded" ? outcome.settings : undefined;
}

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}
