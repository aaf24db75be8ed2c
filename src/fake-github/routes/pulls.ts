import { validationFailed } from "../errors.js";
import { queryPulls } from "../issue-query.js";
import { mergePullRequest, type MergeMethod } from "../merge.js";
import { mergeabilityOf } from "../mergeability.js";
import { branchShas, liveShas, openPull, requirePull } from "../pull-ops.js";
import { renderPull, renderPullDetail } from "../render-pull.js";
import type { IssueRecord, PullRecord, RepoState } from "../state.js";
import { updatePullBranch } from "../update-branch.js";
import { asObject, nullableString, numberParam, optionalBoolean, optionalString, requiredString } from "./body.js";
import { json, listReply, repoRoute, type RouteDef } from "./context.js";

const MERGE_METHODS = new Set<string>(["merge", "squash", "rebase"]);

/** The full payload, with mergeability computed from the bare repository. */
async function detail(repo: RepoState, issue: IssueRecord & { pull: PullRecord }): Promise<Record<string, unknown>> {
  const shas = liveShas(repo, issue, await branchShas(repo));
  return renderPullDetail(repo, issue, shas, await mergeabilityOf(repo, issue, shas));
}

export const pullRoutes: RouteDef[] = [
  repoRoute("GET", "/pulls", async (ctx) => {
    const pulls = queryPulls(ctx.repo, ctx.query);
    const branches = await branchShas(ctx.repo);
    return listReply(ctx, pulls, (issue) => renderPull(ctx.repo, issue, liveShas(ctx.repo, issue, branches)));
  }),

  repoRoute("GET", "/pulls/:number", async (ctx) =>
    json(200, await detail(ctx.repo, requirePull(ctx.repo, numberParam(ctx.params)))),
  ),

  // GitHub computes mergeability in the background: a fresh pull request does not know it yet.
  repoRoute("POST", "/pulls", async (ctx) => {
    const body = asObject(ctx.body);
    const issue = await openPull(ctx.repo, {
      title: requiredString(body, "title", "PullRequest"),
      body: nullableString(body, "body") ?? null,
      head: requiredString(body, "head", "PullRequest"),
      base: requiredString(body, "base", "PullRequest"),
      draft: optionalBoolean(body, "draft") ?? false,
      author: ctx.login,
    });
    const shas = liveShas(ctx.repo, issue, await branchShas(ctx.repo));
    return json(201, renderPullDetail(ctx.repo, issue, shas, { mergeable: null, state: "unknown" }));
  }),

  repoRoute("PATCH", "/pulls/:number", async (ctx) => {
    const issue = requirePull(ctx.repo, numberParam(ctx.params));
    const body = asObject(ctx.body);
    const title = optionalString(body, "title");
    const text = nullableString(body, "body");
    const state = optionalString(body, "state");
    const base = optionalString(body, "base");
    if (state !== undefined && state !== "open" && state !== "closed") {
      throw validationFailed({ resource: "PullRequest", code: "invalid", field: "state" });
    }
    if (base !== undefined && !(await ctx.repo.bare.branchSha(base))) {
      throw validationFailed({ resource: "PullRequest", code: "invalid", field: "base" });
    }
    if (title !== undefined) issue.title = title;
    if (text !== undefined) issue.body = text;
    if (base !== undefined) issue.pull.baseRef = base;
    if (state !== undefined && state !== issue.state && !issue.pull.merged) ctx.repo.setState(issue, state, null);
    ctx.repo.touch(issue);
    return json(200, await detail(ctx.repo, issue));
  }),

  repoRoute("PUT", "/pulls/:number/merge", async (ctx) => {
    const issue = requirePull(ctx.repo, numberParam(ctx.params));
    const body = asObject(ctx.body);
    const method = optionalString(body, "merge_method") ?? "merge";
    if (!MERGE_METHODS.has(method))
      throw validationFailed({ resource: "PullRequest", code: "invalid", field: "merge_method" });
    const commitTitle = optionalString(body, "commit_title");
    const commitMessage = optionalString(body, "commit_message");
    const sha = optionalString(body, "sha");
    const result = await mergePullRequest(ctx.repo, issue, {
      method: method as MergeMethod,
      merger: ctx.login,
      ...(sha === undefined ? {} : { sha }),
      ...(commitTitle === undefined ? {} : { commitTitle }),
      ...(commitMessage === undefined ? {} : { commitMessage }),
    });
    return json(200, { sha: result.sha, merged: true, message: "Pull Request successfully merged" });
  }),

  // GitHub answers 202 and merges in the background; the fake has merged by the time it answers.
  repoRoute("PUT", "/pulls/:number/update-branch", async (ctx) => {
    const issue = requirePull(ctx.repo, numberParam(ctx.params));
    const expectedHeadSha = optionalString(asObject(ctx.body), "expected_head_sha");
    await updatePullBranch(ctx.repo, issue, { actor: ctx.login, ...(expectedHeadSha ? { expectedHeadSha } : {}) });
    const url = `${ctx.world.baseUrl}/repos/${ctx.repo.fullName}/pulls/${issue.number}`;
    return json(202, { message: "Updating pull request branch.", url });
  }),
];
