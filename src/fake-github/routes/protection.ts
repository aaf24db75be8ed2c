import { ApiError } from "../errors.js";
import { apiRepoUrl } from "../render.js";
import { renderProtection } from "../protection.js";
import { param } from "./body.js";
import { json, repoRoute, type RouteDef } from "./context.js";

// Branch protection is admin-only on GitHub: anyone else gets a plain 404, the same answer as
// for a repository they cannot see. `GET /branches/{branch}` shows a summary to everyone.

export const protectionRoutes: RouteDef[] = [
  repoRoute("GET", "/branches/*branch/protection", async (ctx) => {
    if (ctx.permission !== "admin") throw new ApiError(404, "Not Found");
    const branch = param(ctx.params, "branch");
    if (!(await ctx.repo.bare.branchSha(branch))) throw new ApiError(404, "Branch not found");
    const protection = ctx.repo.protections.get(branch);
    if (!protection) throw new ApiError(404, "Branch not protected");
    const url = `${apiRepoUrl(ctx.repo)}/branches/${encodeURIComponent(branch)}/protection`;
    return json(200, renderProtection(url, protection));
  }),
];
