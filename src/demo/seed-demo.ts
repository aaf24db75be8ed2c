import { startFakeGitHub, type FakeGitHub } from "../fake-github/index.js";
import { createGitSandbox, type GitSandbox } from "./git-sandbox.js";

export const DEMO_OWNER = "soda-demo";
export const DEMO_REPO = "fizzy-pop";
export const DEMO_USER = "octocat";
export const DEMO_TOKEN = "demo-token-not-a-secret";
/** A person with write access who reviews the loop's pull requests. */
export const DEMO_REVIEWER = "mona";
export const DEMO_REVIEWER_TOKEN = "mona-token-not-a-secret";

export interface DemoWorld {
  server: FakeGitHub;
  owner: string;
  repo: string;
  sandbox: GitSandbox;
  /** The developer's clone, whose origin reads as a github.com URL. */
  clone: string;
  /** Environment for the CLI: the demo token, the local API, an isolated git and HOME. */
  env: NodeJS.ProcessEnv;
  close(keep: boolean): Promise<void>;
}

/**
 * A local GitHub with one repository and a small, mixed queue, plus a clone of it: enough for
 * every command to show its real output without a token or the network.
 */
export async function seedDemo(): Promise<DemoWorld> {
  const sandbox = await createGitSandbox();
  const server = await startFakeGitHub();
  try {
    const origin = await sandbox.createOrigin(DEMO_REPO, {
      files: {
        "README.md": "# Fizzy Pop\n\nA tiny project for the my-little-soda demo.\n",
        "src/flavours.txt": "cola\nlemon\n",
      },
    });
    server.addUser(DEMO_USER, DEMO_TOKEN);
    server.addUser("hubot", "hubot-token");
    server.addUser(DEMO_REVIEWER, DEMO_REVIEWER_TOKEN);
    const repo = server.createRepo({
      owner: DEMO_OWNER,
      name: DEMO_REPO,
      bareRepoPath: origin,
      permissions: { [DEMO_USER]: "admin", hubot: "write", [DEMO_REVIEWER]: "write" },
    });
    const day = (n: number) => new Date(Date.UTC(2026, 10, n, 9));
    repo.addIssue({
      title: "Add a cherry flavour",
      body: "Customers keep asking for cherry.\n\n<!-- internal: ignore -->Add it to `src/flavours.txt`.",
      labels: ["route:ready"],
      createdAt: day(1),
    });
    repo.addIssue({
      title: "Fix the fizz counter overflow",
      body: "The counter wraps at 255 bubbles.",
      labels: ["route:ready", "route:priority-high"],
      createdAt: day(2),
    });
    repo.addIssue({
      title: "Document the bottling process",
      body: "Explain how bottles are filled.\n\nBlocked by #7: the crème soda changes the bottling steps.",
      labels: ["route:ready", "route:priority-low"],
      createdAt: day(3),
    });
    repo.addIssue({
      title: "Build is red on main",
      body: "CI fails since yesterday; everything else waits on this.",
      labels: ["route:unblocker"],
      createdAt: day(4),
    });
    repo.addIssue({
      title: "Rotate the production secrets",
      body: "Needs a person with vault access.",
      labels: ["route:ready", "route:human-only"],
      createdAt: day(5),
    });
    repo.addIssue({
      title: "Rename the fizz module",
      body: "hubot is on it.",
      labels: ["route:ready"],
      assignees: ["hubot"],
      createdAt: day(6),
    });
    repo.addIssue({
      title: "Café-grade crème soda ☕",
      body: "Accents in titles must make clean branch names.",
      labels: ["route:ready", "route:priority-medium"],
      createdAt: day(7),
    });

    const clone = await sandbox.clone(origin, "fizzy-pop", {
      remoteUrl: `https://github.com/${DEMO_OWNER}/${DEMO_REPO}.git`,
    });
    const env: NodeJS.ProcessEnv = {
      ...isolatedEnv(sandbox.env),
      MY_LITTLE_SODA_GITHUB_TOKEN: DEMO_TOKEN,
      MY_LITTLE_SODA_GITHUB_API_URL: server.url,
      // The demo's scripted agent does a night's work in seconds: real pacing would rightly hold
      // that many writes to GitHub's secondary limits (design §9), which a local server does not have.
      MY_LITTLE_SODA_HTTP_WRITE_SPACING_MS: "0",
      MY_LITTLE_SODA_HTTP_RETRY_BASE_MS: "50",
    };
    return {
      server,
      owner: DEMO_OWNER,
      repo: DEMO_REPO,
      sandbox,
      clone,
      env,
      async close(keep) {
        await server.close();
        if (!keep) await sandbox.cleanup();
      },
    };
  } catch (error) {
    await server.close();
    await sandbox.cleanup();
    throw error;
  }
}

/** Drop anything from the caller's environment that would point the CLI at a real repository. */
function isolatedEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of Object.keys(copy)) {
    if (/^(MY_LITTLE_SODA_|GITHUB_|GH_)/.test(name)) delete copy[name];
  }
  return copy;
}
