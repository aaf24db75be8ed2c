import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { runGit, runGitSync, type GitResult, type GitRunOptions } from "./git-process.js";

export const EMPTY_TREE_SHA = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

const SHA_PATTERN = /^[0-9a-f]{40}$/i;

export interface RefEntry {
  ref: string;
  sha: string;
  type: string;
}

export interface GitIdentity {
  name: string;
  email: string;
  /** ISO 8601; git parses it. */
  date?: string;
}

export interface CommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  author: { name: string; email: string; date: string };
  committer: { name: string; email: string; date: string };
  message: string;
}

export function isFullSha(value: unknown): value is string {
  return typeof value === "string" && SHA_PATTERN.test(value);
}

function parseIdentity(line: string): { name: string; email: string; date: string } {
  const match = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(line);
  if (!match) return { name: line, email: "", date: new Date(0).toISOString() };
  const seconds = Number(match[3]);
  return {
    name: match[1] ?? "",
    email: match[2] ?? "",
    date: new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
}

/**
 * The git side of a fake repository. Every answer comes from the bare repository on disk, never
 * from a cache, because the CLI under test pushes to it with real `git push`.
 */
export class BareRepo {
  constructor(readonly gitDir: string) {}

  run(args: string[], options: GitRunOptions = {}): Promise<GitResult> {
    return runGit(this.gitDir, args, options);
  }

  async git(args: string[], options: GitRunOptions = {}): Promise<string> {
    const result = await this.run(args, options);
    if (result.code !== 0) throw new Error(`git ${args.join(" ")} failed (${result.code}): ${result.stderr.trim()}`);
    return result.stdout;
  }

  /**
   * GitHub can always point a commit at the empty tree; a fresh bare repository only knows it as
   * a virtual object, which `git push`/`fetch` of such a commit may then fail to pack.
   */
  ensureEmptyTreeObject(): void {
    if (!existsSync(join(this.gitDir, "objects")) || !existsSync(join(this.gitDir, "HEAD"))) {
      throw new Error(`fake GitHub: ${this.gitDir} is not a bare git repository`);
    }
    const dir = join(this.gitDir, "objects", EMPTY_TREE_SHA.slice(0, 2));
    const file = join(dir, EMPTY_TREE_SHA.slice(2));
    if (existsSync(file)) return;
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, deflateSync(Buffer.from("tree 0\0", "latin1")));
  }

  async listRefs(prefix = "refs/"): Promise<RefEntry[]> {
    const out = await this.git(["for-each-ref", "--format=%(refname)%00%(objectname)%00%(objecttype)"]);
    const refs: RefEntry[] = [];
    for (const line of out.split("\n")) {
      const [ref, sha, type] = line.split("\0");
      if (ref && sha && type && ref.startsWith(prefix)) refs.push({ ref, sha, type });
    }
    return refs;
  }

  async readRef(fullRef: string): Promise<RefEntry | null> {
    if (!fullRef.startsWith("refs/")) return null;
    const out = await this.git(["for-each-ref", "--format=%(refname)%00%(objectname)%00%(objecttype)", fullRef]);
    for (const line of out.split("\n")) {
      const [ref, sha, type] = line.split("\0");
      if (ref === fullRef && sha && type) return { ref, sha, type };
    }
    return null;
  }

  async branchSha(branch: string): Promise<string | null> {
    return (await this.readRef(`refs/heads/${branch}`))?.sha ?? null;
  }

  /** For synchronous test helpers only; the request path stays asynchronous. */
  branchShaSync(branch: string): string | null {
    const result = runGitSync(this.gitDir, ["rev-parse", "--verify", "--quiet", `refs/heads/${branch}^{commit}`]);
    return result.code === 0 ? result.stdout.trim() : null;
  }

  /** `git update-ref <ref> <sha> ""`: the empty old value makes creation a compare-and-set. */
  async createRef(ref: string, sha: string): Promise<"created" | "exists" | "bad-object" | "failed"> {
    if (!isFullSha(sha)) return "bad-object";
    const result = await this.run(["update-ref", ref, sha, ""]);
    if (result.code === 0) return "created";
    if (/reference already exists|exists; cannot create/.test(result.stderr)) return "exists";
    if (/nonexistent object|not a valid SHA1/.test(result.stderr)) return "bad-object";
    return (await this.readRef(ref)) ? "exists" : "failed";
  }

  /** Compare-and-set against `oldSha`, so a concurrent `git push` is never silently overwritten. */
  async updateRef(ref: string, newSha: string, oldSha: string): Promise<boolean> {
    return (await this.run(["update-ref", ref, newSha, oldSha])).code === 0;
  }

  async deleteRef(ref: string, oldSha: string): Promise<boolean> {
    return (await this.run(["update-ref", "-d", ref, oldSha])).code === 0;
  }

  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const result = await this.run(["merge-base", "--is-ancestor", ancestor, descendant]);
    if (result.code > 1) throw new Error(`git merge-base failed: ${result.stderr.trim()}`);
    return result.code === 0;
  }

  /** One process for any number of objects; unknown ones map to null. */
  async objectTypes(shas: string[]): Promise<Map<string, string | null>> {
    const types = new Map<string, string | null>();
    const valid = shas.filter(isFullSha);
    for (const sha of shas) types.set(sha, null);
    if (valid.length === 0) return types;
    const out = await this.git(["cat-file", "--batch-check"], { input: `${valid.join("\n")}\n` });
    for (const line of out.split("\n")) {
      const [sha, type] = line.split(" ");
      if (sha && type && type !== "missing") types.set(sha, type);
    }
    return types;
  }

  async readCommit(sha: string): Promise<CommitInfo | null> {
    if (!isFullSha(sha)) return null;
    const result = await this.run(["cat-file", "commit", sha]);
    if (result.code !== 0) return null;
    const split = result.stdout.indexOf("\n\n");
    const header = split === -1 ? result.stdout : result.stdout.slice(0, split);
    const message = split === -1 ? "" : result.stdout.slice(split + 2);
    const info: CommitInfo = {
      sha,
      tree: "",
      parents: [],
      message,
      author: parseIdentity(""),
      committer: parseIdentity(""),
    };
    for (const line of header.split("\n")) {
      const space = line.indexOf(" ");
      const key = line.slice(0, space);
      const value = line.slice(space + 1);
      if (key === "tree") info.tree = value;
      else if (key === "parent") info.parents.push(value);
      else if (key === "author") info.author = parseIdentity(value);
      else if (key === "committer") info.committer = parseIdentity(value);
    }
    return info;
  }

  /** The message goes through stdin untouched, so it round-trips byte for byte. */
  async commitTree(options: {
    tree: string;
    parents: string[];
    message: string;
    author: GitIdentity;
    committer: GitIdentity;
  }): Promise<string> {
    const env: Record<string, string> = {
      GIT_AUTHOR_NAME: options.author.name,
      GIT_AUTHOR_EMAIL: options.author.email,
      GIT_COMMITTER_NAME: options.committer.name,
      GIT_COMMITTER_EMAIL: options.committer.email,
    };
    if (options.author.date) env["GIT_AUTHOR_DATE"] = options.author.date;
    if (options.committer.date) env["GIT_COMMITTER_DATE"] = options.committer.date;
    const args = ["commit-tree", options.tree, ...options.parents.flatMap((p) => ["-p", p]), "-F", "-"];
    return (await this.git(args, { input: options.message, env })).trim();
  }

  /** The merged tree, or null when the two sides conflict. */
  async mergeTree(base: string, head: string): Promise<string | null> {
    const result = await this.run(["merge-tree", "--write-tree", "--no-messages", base, head]);
    if (result.code === 1) return null;
    if (result.code !== 0) throw new Error(`git merge-tree failed: ${result.stderr.trim()}`);
    return result.stdout.split("\n")[0]?.trim() ?? null;
  }

  async treeOf(commit: string): Promise<string> {
    return (await this.git(["rev-parse", `${commit}^{tree}`])).trim();
  }

  /** A branch name first (as GitHub resolves it), then any other ref or commit sha. */
  async resolveCommit(name: string): Promise<string | null> {
    if (name === "" || name.startsWith("-")) return null;
    const branch = await this.branchSha(name);
    if (branch) return branch;
    const result = await this.run(["rev-parse", "--verify", "--quiet", `${name}^{commit}`]);
    return result.code === 0 ? result.stdout.trim() : null;
  }

  async mergeBase(a: string, b: string): Promise<string | null> {
    const result = await this.run(["merge-base", a, b]);
    return result.code === 0 ? result.stdout.trim() : null;
  }

  /** Commits reachable from `head` but not `base`, oldest first, as GitHub's compare lists them. */
  async commitsBetween(base: string, head: string, limit = 250): Promise<Array<{ sha: string; message: string }>> {
    const out = await this.git([
      "log",
      "--reverse",
      `--max-count=${limit}`,
      "--format=%H%x00%B%x1e",
      `${base}..${head}`,
    ]);
    return out
      .split("\x1e")
      .map((record) => record.replace(/^\n/, ""))
      .filter((record) => record.includes("\0"))
      .map((record) => {
        const [sha = "", message = ""] = record.split("\0");
        return { sha, message: message.replace(/\n$/, "") };
      });
  }

  async countBetween(base: string, head: string): Promise<{ ahead: number; behind: number }> {
    const out = await this.git(["rev-list", "--left-right", "--count", `${base}...${head}`]);
    const [behind = "0", ahead = "0"] = out.trim().split(/\s+/);
    return { ahead: Number(ahead), behind: Number(behind) };
  }
}
