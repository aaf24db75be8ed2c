import { z } from "zod";
import type { NewPullRequest, PullRequestSummary } from "../core/ports.js";
import { statusOf, type RepoContext } from "./repo-context.js";
import { parsePayload } from "./parse-payload.js";
import { pullRequestSchema } from "./schemas.js";

type RawPull = z.infer<typeof pullRequestSchema>;

export function mapPull(pr: RawPull): PullRequestSummary {
  return {
    number: pr.number,
    title: pr.title,
    url: pr.html_url,
    headBranch: pr.head.ref,
    headSha: pr.head.sha,
    draft: pr.draft ?? false,
    labels: pr.labels.map((label) => label.name),
    author: pr.user?.login ?? "",
    state: pr.state ?? "open",
    merged: typeof pr.merged_at === "string",
  };
}

export async function getPullRequest(ctx: RepoContext, pullNumber: number): Promise<PullRequestSummary> {
  const { data } = await ctx.octokit.rest.pulls.get({ owner: ctx.owner, repo: ctx.repo, pull_number: pullNumber });
  return mapPull(parsePayload(pullRequestSchema, data, "GET /pulls/{number}"));
}

export async function findOpenPullRequest(
  ctx: RepoContext,
  headBranch: string,
): Promise<PullRequestSummary | undefined> {
  const { data } = await ctx.octokit.rest.pulls.list({
    owner: ctx.owner,
    repo: ctx.repo,
    state: "open",
    head: `${ctx.owner}:${headBranch}`,
    per_page: 10,
  });
  const pulls = parsePayload(z.array(pullRequestSchema), data, "GET /pulls");
  const pull = pulls.find((candidate) => candidate.head.ref === headBranch);
  return pull ? mapPull(pull) : undefined;
}

export async function createPullRequest(ctx: RepoContext, pull: NewPullRequest): Promise<PullRequestSummary> {
  try {
    const { data } = await ctx.octokit.rest.pulls.create({ owner: ctx.owner, repo: ctx.repo, ...pull });
    return mapPull(parsePayload(pullRequestSchema, data, "POST /pulls"));
  } catch (error) {
    // "A pull request already exists": a retry after a lost answer, or a concurrent bottle.
    if (statusOf(error) === 422) {
      const existing = await findOpenPullRequest(ctx, pull.head);
      if (existing) return existing;
    }
    throw error;
  }
}
