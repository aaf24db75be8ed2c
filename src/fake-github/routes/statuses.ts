import { ApiError, validationFailed } from "../errors.js";
import { apiRepoUrl, isoSeconds } from "../render.js";
import type { RepoState, StatusRecord } from "../state.js";
import type { CommitState } from "../types.js";
import { asObject, nullableString, optionalString, param } from "./body.js";
import { json, listReply, repoRoute, type RouteDef } from "./context.js";

// Commit statuses: the older CI API (a context, a state, a link), still used by many services.

const STATES = new Set<string>(["error", "failure", "pending", "success"]);

/** A sha, branch or tag, as GitHub resolves `{ref}`; unknown: GitHub's 422. */
export async function resolveRef(repo: RepoState, ref: string): Promise<string> {
  const sha = await repo.bare.resolveCommit(ref);
  if (!sha) throw new ApiError(422, `No commit found for SHA: ${ref}`);
  return sha;
}

/** GitHub's combined state: no statuses is "pending", any error or failure wins, then any pending. */
function combinedState(statuses: StatusRecord[]): string {
  if (statuses.length === 0) return "pending";
  if (statuses.some((s) => s.state === "error" || s.state === "failure")) return "failure";
  if (statuses.some((s) => s.state === "pending")) return "pending";
  return "success";
}

function renderStatus(repo: RepoState, sha: string, status: StatusRecord): Record<string, unknown> {
  return {
    url: `${apiRepoUrl(repo)}/statuses/${sha}`,
    id: status.id,
    node_id: `SC_${status.id}`,
    state: status.state,
    description: status.description,
    target_url: status.targetUrl,
    context: status.context,
    created_at: isoSeconds(status.createdAt),
    updated_at: isoSeconds(status.createdAt),
    creator: repo.world.users.json(status.creator),
  };
}

export const statusRoutes: RouteDef[] = [
  repoRoute("GET", "/commits/*ref/status", async (ctx) => {
    const sha = await resolveRef(ctx.repo, param(ctx.params, "ref"));
    const statuses = ctx.repo.statuses.latest(sha);
    const api = apiRepoUrl(ctx.repo);
    return json(200, {
      state: combinedState(statuses),
      statuses: statuses.map((s) => renderStatus(ctx.repo, sha, s)),
      sha,
      total_count: statuses.length,
      repository: { id: ctx.repo.id, name: ctx.repo.name, full_name: ctx.repo.fullName },
      commit_url: `${api}/commits/${sha}`,
      url: `${api}/commits/${sha}/status`,
    });
  }),

  /** Every status ever posted, newest first. */
  repoRoute("GET", "/commits/*ref/statuses", async (ctx) => {
    const sha = await resolveRef(ctx.repo, param(ctx.params, "ref"));
    const all = ctx.repo.statuses.history(sha);
    return listReply(ctx, all, (s) => renderStatus(ctx.repo, sha, s));
  }),

  repoRoute("POST", "/statuses/:sha", async (ctx) => {
    const sha = param(ctx.params, "sha");
    const body = asObject(ctx.body);
    const state = optionalString(body, "state");
    if (state === undefined || !STATES.has(state)) {
      throw validationFailed({
        resource: "Status",
        code: "custom",
        field: "state",
        message: "state is not included in the list",
      });
    }
    if ((await ctx.repo.bare.objectTypes([sha])).get(sha) !== "commit") {
      throw new ApiError(422, `No commit found for SHA: ${sha}`);
    }
    const status = ctx.repo.statuses.add(sha, state as CommitState, optionalString(body, "context") ?? "default", {
      description: nullableString(body, "description") ?? null,
      targetUrl: nullableString(body, "target_url") ?? null,
      creator: ctx.login,
    });
    return json(201, renderStatus(ctx.repo, sha, status));
  }),
];
