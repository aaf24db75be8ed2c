import { Octokit } from "@octokit/rest";
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from "../../../src/fake-github/index.js";
import { createGitSandbox, type GitSandbox } from "../../../src/demo/git-sandbox.js";

export const OWNER = "acme";
export const REPO = "widgets";
/** Repository owner: admin. */
export const OWNER_TOKEN = "tok-acme";
/** Collaborator with write access. */
export const ALICE_TOKEN = "tok-alice";
/** Collaborator with read access only. */
export const READER_TOKEN = "tok-reader";
/** Authenticated, but no explicit access to anything. */
export const STRANGER_TOKEN = "tok-stranger";

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  // Tests index freely into GitHub's JSON; a wrong guess fails the assertion anyway.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

export interface Harness {
  server: FakeGitHub;
  sandbox: GitSandbox;
  repo: FakeRepo;
  origin: string;
  /** `path` starting with "/" is absolute; otherwise relative to /repos/acme/widgets/. */
  api(
    method: string,
    path: string,
    options?: { token?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiResponse>;
  close(): Promise<void>;
}

export async function createHarness(options: { rateLimit?: number; private?: boolean } = {}): Promise<Harness> {
  const sandbox = await createGitSandbox();
  const server = await startFakeGitHub(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit });
  const origin = await sandbox.createOrigin(REPO, {
    files: { "README.md": "# widgets\n", "src/app.txt": "one\ntwo\nthree\n" },
  });
  server.addUser(OWNER, OWNER_TOKEN);
  server.addUser("alice", ALICE_TOKEN);
  server.addUser("reader", READER_TOKEN);
  server.addUser("stranger", STRANGER_TOKEN);
  const repo = server.createRepo({
    owner: OWNER,
    name: REPO,
    bareRepoPath: origin,
    private: options.private ?? false,
    permissions: { alice: "write", reader: "read" },
  });

  const api: Harness["api"] = async (method, path, opts = {}) => {
    const url = path.startsWith("/") ? `${server.url}${path}` : `${server.url}/repos/${OWNER}/${REPO}/${path}`;
    const token = opts.token === undefined ? ALICE_TOKEN : opts.token;
    const headers: Record<string, string> = { accept: "application/vnd.github+json", ...opts.headers };
    if (token !== null) headers["authorization"] = `token ${token}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
      headers["content-type"] = "application/json";
    }
    const response = await fetch(url, { method, headers, body });
    const text = await response.text();
    let data: unknown = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = text;
    }
    return { status: response.status, headers: response.headers, text, data };
  };

  return {
    server,
    sandbox,
    repo,
    origin,
    api,
    async close() {
      await server.close();
      await sandbox.cleanup();
    },
  };
}

/** A clone of the harness's origin with `branch` holding one extra commit, pushed. */
export async function pushBranch(
  h: Harness,
  clone: string,
  branch: string,
  file: string,
  content: string,
  from = "main",
): Promise<string> {
  await h.sandbox.git(clone, ["fetch", "-q", "origin"]);
  await h.sandbox.git(clone, ["checkout", "-q", "-B", branch, `origin/${from}`]);
  const sha = await h.sandbox.commitFile(clone, file, content, `Change ${file} on ${branch}`);
  await h.sandbox.git(clone, ["push", "-q", "-f", "origin", `${branch}:refs/heads/${branch}`]);
  return sha;
}

/** Octokit against the fake, as the CLI talks to it; quiet, since 4xx answers are expected here. */
export function octokitFor(h: Harness, token = ALICE_TOKEN): Octokit {
  return new Octokit({ auth: token, baseUrl: h.server.url, log: { debug() {}, info() {}, warn() {}, error() {} } });
}

/** The status and body of a failed Octokit call, for asserting GitHub's error answers. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function failure(call: Promise<unknown>): Promise<{ status: number; data: any }> {
  try {
    await call;
  } catch (error) {
    const { status, response } = error as { status: number; response?: { data: unknown } };
    return { status, data: response?.data };
  }
  throw new Error("expected the request to fail");
}
