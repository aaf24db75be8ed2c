import type { RateLimitInfo, RepositoryInfo, Viewer } from "../core/ports.js";
import { RepositoryNotFoundError } from "../errors/index.js";
import { parsePayload } from "./parse-payload.js";
import { statusOf, type RepoContext } from "./repo-context.js";
import { rateLimitSchema, refSchema, repositorySchema, viewerSchema } from "./schemas.js";

/** The authenticated user. */
export async function getViewer(ctx: RepoContext): Promise<Viewer> {
  const { data } = await ctx.octokit.rest.users.getAuthenticated();
  return { login: parsePayload(viewerSchema, data, "GET /user").login };
}

/** The repository, its default branch and our permission; a 404 names the repository. */
export async function getRepository(ctx: RepoContext): Promise<RepositoryInfo> {
  try {
    const { data } = await ctx.octokit.rest.repos.get({ owner: ctx.owner, repo: ctx.repo });
    const repo = parsePayload(repositorySchema, data, "GET /repos/{owner}/{repo}");
    return {
      owner: repo.owner.login,
      name: repo.name,
      fullName: repo.full_name,
      defaultBranch: repo.default_branch,
      url: repo.html_url,
      isPrivate: repo.private,
      canPush: repo.permissions?.push ?? false,
    };
  } catch (error) {
    if (statusOf(error) === 404) {
      throw new RepositoryNotFoundError(`repository ${ctx.owner}/${ctx.repo} not found`, {
        status: 404,
        hint: "check --repo / [github] owner and repo; for a private repository the token must be allowed to read it",
      });
    }
    throw error;
  }
}

/** The core rate limit (reading it does not count against it). */
export async function getRateLimit(ctx: RepoContext): Promise<RateLimitInfo> {
  const { data } = await ctx.octokit.rest.rateLimit.get();
  const core = parsePayload(rateLimitSchema, data, "GET /rate_limit").resources.core;
  return { limit: core.limit, remaining: core.remaining, used: core.used, resetAt: new Date(core.reset * 1000) };
}

/** The commit a branch points at on GitHub, or undefined when there is no such branch. */
export async function getBranchHead(ctx: RepoContext, branch: string): Promise<string | undefined> {
  try {
    const { data } = await ctx.octokit.rest.git.getRef({ owner: ctx.owner, repo: ctx.repo, ref: `heads/${branch}` });
    return parsePayload(refSchema, data, "GET /git/ref").object.sha;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}
