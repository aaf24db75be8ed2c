export interface RemoteLocation {
  host: string;
  owner: string;
  repo: string;
}

/**
 * owner/repo from a git remote URL: `https://host/o/r(.git)`, `git@host:o/r(.git)`,
 * `ssh://git@host(:port)/o/r(.git)`, `git://host/o/r`. Enterprise hosts are kept so the API
 * URL can be derived. Returns undefined for anything else (a local path, say).
 */
export function parseRemoteUrl(url: string): RemoteLocation | undefined {
  const trimmed = url.trim();
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/.exec(trimmed);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    return location(scp[1], scp[2], scp[3]);
  }
  try {
    const parsed = new URL(trimmed);
    if (!["https:", "http:", "ssh:", "git:", "git+ssh:", "ssh+git:"].includes(parsed.protocol)) return undefined;
    const parts = parsed.pathname
      .replace(/^\/+|\/+$/g, "")
      .replace(/\.git$/, "")
      .split("/");
    if (parts.length < 2) return undefined;
    // Enterprise installs may serve repositories under a path prefix; the last two segments name it.
    return location(parsed.hostname, parts[parts.length - 2], parts[parts.length - 1]);
  } catch {
    return undefined;
  }
}

function location(
  host: string | undefined,
  owner: string | undefined,
  repo: string | undefined,
): RemoteLocation | undefined {
  if (!host || !owner || !repo) return undefined;
  return { host: host.toLowerCase(), owner, repo };
}

/** The REST base URL for a host: github.com's API, or an Enterprise Server's `/api/v3`. */
export function apiUrlForHost(host: string): string {
  return host === "github.com" || host === "www.github.com" ? "https://api.github.com" : `https://${host}/api/v3`;
}
