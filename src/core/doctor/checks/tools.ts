import {
  formatVersion,
  GIT_NEEDS,
  isAtLeast,
  MIN_GIT_VERSION,
  MIN_NODE_VERSION,
  parseVersion,
} from "../../../domain/doctor/versions.js";
import { checkOf, type DoctorCheck } from "../doctor-check.js";

/** Node.js at least package.json's `engines`. */
export function checkNode(nodeVersion: string): DoctorCheck {
  const check = checkOf("node", "Node.js");
  const version = parseVersion(nodeVersion);
  const needed = `needs ≥ ${MIN_NODE_VERSION[0]}`;
  if (!version)
    return check.warn(`cannot read the version "${nodeVersion}"`, `use Node.js ${MIN_NODE_VERSION[0]} or later`);
  if (!isAtLeast(version, MIN_NODE_VERSION)) {
    return check.fail(
      `${formatVersion(version)} is too old (${needed})`,
      `install Node.js ${MIN_NODE_VERSION[0]} or later`,
    );
  }
  return check.ok(`${formatVersion(version)} (${needed})`);
}

/** git at least the release with every feature the git adapter uses. */
export function checkGit(versionText: string | undefined): DoctorCheck {
  const check = checkOf("git", "git");
  const minimum = `${MIN_GIT_VERSION[0]}.${MIN_GIT_VERSION[1]}`;
  if (versionText === undefined)
    return check.fail("git cannot be run (not on PATH)", `install git ${minimum} or later`);
  const version = parseVersion(versionText);
  if (!version) return check.warn(`cannot read the version in "${versionText.trim()}"`, `use git ${minimum} or later`);
  if (!isAtLeast(version, MIN_GIT_VERSION)) {
    return check.fail(
      `${formatVersion(version)} is too old (needs ≥ ${minimum} for ${GIT_NEEDS})`,
      `upgrade git to ${minimum} or later`,
    );
  }
  return check.ok(`${formatVersion(version)} (needs ≥ ${minimum})`);
}

/** Inside a clone: everything but `init --dry-run` and the reports needs one. */
export function checkGitRepository(root: string | undefined, cwd: string, gitMissing: boolean): DoctorCheck {
  const check = checkOf("git-repository", "git repository");
  if (gitMissing) return check.skipped("git cannot be run");
  if (root === undefined) {
    return check.fail(`${cwd} is not inside a git repository`, "run my-little-soda inside a clone of the repository");
  }
  return check.ok(root);
}
