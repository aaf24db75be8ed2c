import { ApiError } from "../errors.js";
import { isoSeconds } from "../render.js";
import type { StatusRecord } from "../state.js";
import { param } from "./body.js";
import { json, repoRoute, type RouteDef } from "./context.js";

/** GitHub's combined state: no statuses is "pending", any error or failure wins, then any pending. */
function combinedState(statuses: StatusRecord[]): string {
  if (statuses.length === 0) return "pending";
  if (statuses.some((s) => s.state === "error" || s.state === "failure")) return "failure";
  if (statuses.some((s) => s.state === "pending")) return "pending";
  return "success";
}

export const statusRoutes: RouteDef[] = [
  repoRoute("GET", "/commits/*ref/status", async (ctx) => {
    const ref = param(ctx.params, "ref");
    const sha = await ctx.repo.bare.resolveCommit(ref);
    if (!sha) throw new ApiError(422, `No commit found for SHA: ${ref}`);
    const statuses = ctx.repo.statuses.get(sha) ?? [];
    const api = `${ctx.world.baseUrl}/repos/${ctx.repo.fullName}`;
    return json(200, {
      state: combinedState(statuses),
      statuses: statuses.map((s) => ({
        id: s.id,
        node_id: `SC_${s.id}`,
        state: s.state,
        context: s.context,
        description: null,
        target_url: null,
        created_at: isoSeconds(s.createdAt),
        updated_at: isoSeconds(s.createdAt),
      })),
      sha,
      total_count: statuses.length,
      repository: { id: ctx.repo.id, name: ctx.repo.name, full_name: ctx.repo.fullName },
      commit_url: `${api}/commits/${sha}`,
      url: `${api}/commits/${sha}/status`,
    });
  }),
];
