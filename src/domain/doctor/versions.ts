/**
 * What `doctor` requires of the tools around it. Node's minimum is package.json's `engines` (a test
 * keeps the two equal); git's is the oldest release with every git feature the code uses:
 * `git config --default` (2.18) and `git worktree remove` (2.17), worktrees themselves being older.
 */
export const MIN_NODE_VERSION = [20, 0, 0] as const;
export const MIN_GIT_VERSION = [2, 18, 0] as const;
export const GIT_NEEDS = "`git config --default`, `git worktree add` and `git worktree remove`";

export type Version = readonly [number, number, number];

/** The first `major.minor[.patch]` in a text: "v20.11.1", "git version 2.39.5 (Apple Git-146)". */
export function parseVersion(text: string): Version | undefined {
  const match = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

export function isAtLeast(version: Version, minimum: Version): boolean {
  for (let i = 0; i < 3; i++) {
    const [have, need] = [version[i] ?? 0, minimum[i] ?? 0];
    if (have !== need) return have > need;
  }
  return true;
}

export function formatVersion(version: Version): string {
  return version.join(".");
}
