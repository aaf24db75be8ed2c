import { parseRemoteUrl } from "../../../config/parse-remote-url.js";
import { checkOf, type DoctorCheck } from "../doctor-check.js";
import type { SettingsOutcome } from "../doctor-ports.js";

export interface RemoteFacts {
  root: string | undefined;
  /** `origin`'s URL; undefined when there is no such remote. */
  url: string | undefined;
  settings: SettingsOutcome;
}

/**
 * `origin`: there, in a form git can push over, naming a GitHub repository, and the same one the
 * configuration names — `pop` fetches and `bottle` pushes through it, while claims and pull
 * requests go through the API to the configured repository.
 */
export function checkRemote({ root, url, settings }: RemoteFacts): DoctorCheck {
  const check = checkOf("remote", "origin remote");
  if (root === undefined) return check.skipped("not inside a git repository");
  const configured = settings.kind === "loaded" ? settings.settings.repository : undefined;
  const example = `https://github.com/${configured ? `${configured.owner}/${configured.repo}` : "OWNER/REPO"}.git`;
  if (url === undefined) return check.fail("no `origin` remote", `git remote add origin ${example}`);
  const shown = withoutCredentials(url);
  const parsed = parseRemoteUrl(url);
  if (!parsed) {
    if (configured)
      return check.warn(
        `${shown} is not a GitHub URL; the repository ${configured.owner}/${configured.repo} comes from ${configured.source}`,
        `point origin at GitHub: git remote set-url origin ${example}`,
      );
    return check.fail(
      `${shown} is not a GitHub URL, and nothing else names the repository`,
      `git remote set-url origin ${example}, or set [github] owner and repo`,
    );
  }
  const form = formOf(url);
  const where = parsed.host === "github.com" ? "github.com" : `GitHub Enterprise at ${parsed.host}`;
  const summary = `${shown} → ${parsed.owner}/${parsed.repo} (${form}, ${where})`;
  if (form === "git://") {
    return check.fail(
      `${summary}: git:// is read-only, so branches cannot be pushed`,
      `git remote set-url origin https://${parsed.host}/${parsed.owner}/${parsed.repo}.git`,
    );
  }
  const sameRepository =
    !configured ||
    (configured.owner.toLowerCase() === parsed.owner.toLowerCase() &&
      configured.repo.toLowerCase() === parsed.repo.toLowerCase());
  if (!sameRepository) {
    return check.fail(
      `${summary}, but ${configured.source} names ${configured.owner}/${configured.repo}: branches would be pushed to one and claimed on the other`,
      `git remote set-url origin ${shown.replace(`${parsed.owner}/${parsed.repo}`, `${configured.owner}/${configured.repo}`)}, or correct ${configured.source}`,
    );
  }
  if (shown !== url) {
    return check.warn(
      `${summary}: the URL carries credentials, stored in .git/config in plain text`,
      `git remote set-url origin ${shown.replace("***@", "")}, and let a credential helper or gh keep the token`,
    );
  }
  const apiHost = settings.kind === "loaded" ? settings.settings.host : undefined;
  if (parsed.host !== "github.com" && apiHost === "github.com") {
    return check.warn(
      `${summary}, but the API is api.github.com`,
      `set [github] api_url = "https://${parsed.host}/api/v3" in my-little-soda.toml`,
    );
  }
  return check.ok(summary);
}

function formOf(url: string): "https" | "ssh" | "git://" | "http" {
  if (/^https:\/\//i.test(url)) return "https";
  if (/^http:\/\//i.test(url)) return "http";
  if (/^git:\/\//i.test(url)) return "git://";
  return "ssh";
}

/** `https://user:secret@host/…` → `https://***@host/…`: a remote's credentials are never printed. */
function withoutCredentials(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*:[^/@\s]*@/i, "$1***@")
    .replace(/^(https?:\/\/)[^/@:\s]+@/i, "$1***@");
}
