import { access, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { startFakeGitHub, type FakeGitHub, type FakeRepo, type LabelSeed } from "../../src/fake-github/index.js";
import { createGitSandbox, type GitSandbox } from "../../src/demo/git-sandbox.js";
import { runCli, type CliResult } from "./run-cli.js";

export const OWNER = "acme";
export const REPO = "widgets";
export const USER = "alice";
export const TOKEN = "ghp_e2eTestTokenAbcdefghijklmnopqrstuv";

export interface World {
  server: FakeGitHub;
  sandbox: GitSandbox;
  repo: FakeRepo;
  origin: string;
  /** A clone whose origin URL reads https://github.com/acme/widgets.git. */
  clone: string;
  /** The CLI's environment: token, local API, isolated git and HOME; write pacing off unless `http: "production"`. */
  env: NodeJS.ProcessEnv;
  cli(args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv }): Promise<CliResult>;
  /** As a person would: push a branch with one commit and open a labelled PR over HTTP. */
  openPullRequest(input: { branch: string; title: string; labels?: string[]; body?: string }): Promise<number>;
  /** Call the fake API as the repository owner (a person acting on github.com). */
  api(method: string, route: string, body?: unknown): Promise<{ status: number; data: unknown }>;
  close(): Promise<void>;
}

/** A fake GitHub with one repository backed by a real bare repo, and a clone of it. */
export interface WorldOptions {
  permission?: "read" | "write" | "admin";
  /**
   * "test" (the default) turns write pacing off and shortens retry back-off, so a test never waits;
   * "production" leaves the CLI's own defaults, as a user gets them (the bench measures with it).
   */
  http?: "test" | "production";
}

export async function createWorld(options: WorldOptions = {}): Promise<World> {
  const sandbox = await createGitSandbox();
  const server = await startFakeGitHub();
  const origin = await sandbox.createOrigin(REPO, { files: { "README.md": "# widgets\n" } });
  server.addUser(USER, TOKEN);
  server.addUser("owner", "owner-token");
  const repo = server.createRepo({
    owner: OWNER,
    name: REPO,
    bareRepoPath: origin,
    permissions: { owner: "admin", [USER]: options.permission ?? "write" },
  });
  const clone = await sandbox.clone(origin, "clone", { remoteUrl: `https://github.com/${OWNER}/${REPO}.git` });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    ...Object.fromEntries(
      Object.entries(sandbox.env).filter(([name]) => !/^(MY_LITTLE_SODA_|GITHUB_|GH_|CI$)/.test(name)),
    ),
    MY_LITTLE_SODA_GITHUB_TOKEN: TOKEN,
    MY_LITTLE_SODA_GITHUB_API_URL: server.url,
    ...(options.http === "production"
      ? {}
      : { MY_LITTLE_SODA_HTTP_WRITE_SPACING_MS: "0", MY_LITTLE_SODA_HTTP_RETRY_BASE_MS: "20" }),
    NO_COLOR: "1",
  };
  const api: World["api"] = async (method, route, body) => {
    const response = await fetch(`${server.url}${route}`, {
      method,
      headers: { authorization: "token owner-token", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, data: text ? JSON.parse(text) : null };
  };
  return {
    server,
    sandbox,
    repo,
    origin,
    clone,
    env,
    api,
    cli: (args, cliOptions = {}) => runCli(args, { cwd: cliOptions.cwd ?? clone, env: cliOptions.env ?? env }),
    async openPullRequest(input) {
      const work = await sandbox.clone(origin, `pr-${input.branch.replace(/\W/g, "-")}`);
      await sandbox.git(work, ["checkout", "-q", "-b", input.branch]);
      await sandbox.commitFile(work, `${input.branch.replace(/\W/g, "-")}.txt`, "change\n", input.title);
      await sandbox.git(work, ["push", "-q", "origin", input.branch]);
      const created = await api("POST", `/repos/${OWNER}/${REPO}/pulls`, {
        title: input.title,
        body: input.body ?? "",
        head: input.branch,
        base: "main",
      });
      if (created.status !== 201) throw new Error(`could not open the PR: ${JSON.stringify(created.data)}`);
      const number = (created.data as { number: number }).number;
      if (input.labels?.length)
        await api("POST", `/repos/${OWNER}/${REPO}/issues/${number}/labels`, { labels: input.labels });
      return number;
    },
    async close() {
      await server.close();
      await sandbox.cleanup();
    },
  };
}

/**
 * `init` in the clone, with its files committed and pushed, as a team would have it.
 *
 * The first call in a test file runs the real `init` in a scratch world and records what it left:
 * its files and the labels it made. Every call then lays those down in its own world (the scratch
 * server's URL in the files swapped for this one's) instead of running the CLI again: one `init`
 * per file rather than one per test. A world that is not as fresh as the scratch one (labels or
 * init's files already there, another permission) gets the real `init`. `init` itself is tested
 * in init.test.ts. With `commit: false` the files are left uncommitted, as right after `init`.
 */
export async function initialiseRepository(world: World, options: { commit?: boolean } = {}): Promise<void> {
  const made = await (initRecording ??= recordInit());
  if (await asFreshAsScratch(world, made)) {
    for (const file of made.files) {
      const target = path.join(world.clone, file.path);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.content.replaceAll(made.serverUrl, world.server.url));
    }
    for (const label of made.labels) world.repo.addLabel(label);
  } else {
    const init = await world.cli(["init", "--quiet"]);
    if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
  }
  if (options.commit === false) return;
  await world.sandbox.git(world.clone, ["add", "-A"]);
  await world.sandbox.git(world.clone, ["commit", "-qm", "Set up my-little-soda"]);
  await world.sandbox.git(world.clone, ["push", "-q", "origin", "main"]);
}

type Hook = (fn: () => Promise<void>) => void;
interface InitRecording {
  serverUrl: string;
  /** What init found: the repository's labels and the user's permission. */
  labelsBefore: string[];
  permission: string;
  files: Array<{ path: string; content: string }>;
  labels: LabelSeed[];
}

let initRecording: Promise<InitRecording> | undefined;

async function recordInit(): Promise<InitRecording> {
  const scratch = await createWorld();
  try {
    const labelsBefore = scratch.repo.labels().map((label) => label.name);
    const init = await scratch.cli(["init", "--quiet"]);
    if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
    // Every file init wrote: untracked ones and those its own .gitignore hides.
    const status = await scratch.sandbox.git(scratch.clone, ["status", "--porcelain", "-uall", "--ignored"]);
    const paths = status
      .split("\n")
      .filter((line) => /^(\?\?|!!) /.test(line))
      .map((line) => line.slice(3));
    if (paths.length === 0) throw new Error("init wrote no files");
    const files = await Promise.all(
      paths.map(async (file) => ({ path: file, content: await readFile(path.join(scratch.clone, file), "utf8") })),
    );
    scratch.server.assertNoUnexpectedRequests();
    return {
      serverUrl: scratch.server.url,
      labelsBefore,
      permission: scratch.repo.permissionOf(USER),
      files,
      labels: scratch.repo.labels(),
    };
  } finally {
    await scratch.close();
  }
}

async function asFreshAsScratch(world: World, made: InitRecording): Promise<boolean> {
  const labels = world.repo.labels().map((label) => label.name);
  if (labels.join("\n") !== made.labelsBefore.join("\n")) return false;
  if (world.repo.permissionOf(USER) !== made.permission) return false;
  const present = await Promise.all(made.files.map((file) => exists(path.join(world.clone, file.path))));
  return !present.includes(true);
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Registers vitest hooks that give each test a fresh world and, after it, fail the test on
 * any request the fake server does not model. Returns a getter for the current world.
 */
export function useWorld(
  hooks: { beforeEach: Hook; afterEach: Hook },
  options: Parameters<typeof createWorld>[0] = {},
): () => World {
  return registerWorld(hooks.beforeEach, hooks.afterEach, () => createWorld(options));
}

/**
 * One world for a whole file, for tests that run in order through one repository's life
 * (`prepare` sets it up once). Fails the file on any request the fake server does not model.
 */
export function useSharedWorld(
  hooks: { beforeAll: Hook; afterAll: Hook },
  prepare: (world: World) => Promise<void> = async () => {},
): () => World {
  return registerWorld(hooks.beforeAll, hooks.afterAll, async () => {
    const world = await createWorld();
    await prepare(world);
    return world;
  });
}

function registerWorld(before: Hook, after: Hook, create: () => Promise<World>): () => World {
  let world: World | undefined;
  before(async () => {
    world = await create();
  });
  after(async () => {
    const current = world;
    world = undefined;
    if (!current) return;
    try {
      current.server.assertNoUnexpectedRequests();
    } finally {
      await current.close();
    }
  });
  return () => {
    if (!world) throw new Error("the world exists only inside the tests that registered it");
    return world;
  };
}

/**
 * A fresh world for the length of `body`, for tests that run concurrently and so cannot share
 * useWorld's hooks. As with useWorld, any request the fake server does not model fails the test.
 */
export async function withWorld<T>(
  body: (world: World) => Promise<T>,
  options: Parameters<typeof createWorld>[0] = {},
): Promise<T> {
  const world = await createWorld(options);
  try {
    const result = await body(world);
    world.server.assertNoUnexpectedRequests();
    return result;
  } finally {
    await world.close();
  }
}
