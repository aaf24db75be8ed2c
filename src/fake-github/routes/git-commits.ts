import type { CommitInfo, GitIdentity } from "../bare-repo.js";
import { invalidField, notFound, unprocessable } from "../errors.js";
import type { RepoState } from "../state.js";
import { asObject, optionalStringArray, param, requiredString, type Body } from "./body.js";
import { json, repoRoute, type RouteDef } from "./context.js";

// The Git commits API: my-little-soda stores its claim leases in commit messages, so a message
// must round-trip byte for byte and a parent must really be a parent in the bare repository.

export function renderCommit(repo: RepoState, commit: CommitInfo): Record<string, unknown> {
  const api = `${repo.world.baseUrl}/repos/${repo.fullName}/git`;
  const html = `${repo.world.baseUrl}/${repo.fullName}/commit`;
  return {
    sha: commit.sha,
    node_id: `C_${commit.sha}`,
    url: `${api}/commits/${commit.sha}`,
    html_url: `${html}/${commit.sha}`,
    author: commit.author,
    committer: commit.committer,
    tree: { sha: commit.tree, url: `${api}/trees/${commit.tree}` },
    message: commit.message,
    parents: commit.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${html}/${sha}` })),
    verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
  };
}

function identity(body: Body, key: string, fallback: GitIdentity): GitIdentity {
  const raw = body[key];
  if (raw === undefined || raw === null) return fallback;
  const who = asObject(raw);
  const name = who["name"];
  const email = who["email"];
  const date = who["date"];
  if (typeof name !== "string" || typeof email !== "string")
    throw invalidField(key, raw, "an object with name and email");
  if (date !== undefined && (typeof date !== "string" || Number.isNaN(Date.parse(date))))
    throw invalidField(`${key}/date`, date, "a date");
  return { name, email, date: typeof date === "string" ? date : new Date().toISOString() };
}

export const gitCommitRoutes: RouteDef[] = [
  repoRoute("POST", "/git/commits", async (ctx) => {
    const body = asObject(ctx.body);
    const message = requiredString(body, "message", "Commit");
    const tree = requiredString(body, "tree", "Commit");
    const parents = optionalStringArray(body, "parents") ?? [];
    const id = ctx.world.users.idOf(ctx.login);
    const fallback: GitIdentity = {
      name: ctx.world.users.canonical(ctx.login),
      email: `${id}+${ctx.login}@users.noreply.github.com`,
      date: new Date().toISOString(),
    };
    const author = identity(body, "author", fallback);
    const committer = identity(body, "committer", author);

    const types = await ctx.repo.bare.objectTypes([tree, ...parents]);
    if (types.get(tree) !== "tree") throw unprocessable("Tree SHA does not exist");
    if (parents.some((parent) => types.get(parent) !== "commit")) {
      throw unprocessable("Parent SHA does not exist or is not a commit object");
    }
    const sha = await ctx.repo.bare.commitTree({ tree, parents, message, author, committer });
    const commit = await ctx.repo.bare.readCommit(sha);
    if (!commit) throw new Error(`commit ${sha} vanished right after it was written`);
    return json(201, renderCommit(ctx.repo, commit));
  }),

  repoRoute("GET", "/git/commits/:sha", async (ctx) => {
    const commit = await ctx.repo.bare.readCommit(param(ctx.params, "sha"));
    if (!commit) throw notFound();
    return json(200, renderCommit(ctx.repo, commit));
  }),
];
