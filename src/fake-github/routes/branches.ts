import { ApiError, notFound } from "../errors.js";
import { renderBranchProtectionSummary } from "../protection.js";
import { param } from "./body.js";
import { json, listReply, repoRoute, type RouteDef } from "./context.js";

// Branches and comparisons, always read from the bare repository: the CLI under test pushes to
// it with plain `git push`, behind the fake's back.

export const branchRoutes: RouteDef[] = [
  repoRoute("GET", "/branches", async (ctx) => {
    const api = `${ctx.world.baseUrl}/repos/${ctx.repo.fullName}`;
    const refs = await ctx.repo.bare.listRefs("refs/heads/");
    return listReply(ctx, refs, (entry) => {
      const name = entry.ref.slice("refs/heads/".length);
      return {
        name,
        commit: { sha: entry.sha, url: `${api}/commits/${entry.sha}` },
        protected: ctx.repo.protections.has(name),
      };
    });
  }),

  repoRoute("GET", "/branches/*branch", async (ctx) => {
    const name = param(ctx.params, "branch");
    const sha = await ctx.repo.bare.branchSha(name);
    const commit = sha ? await ctx.repo.bare.readCommit(sha) : null;
    if (!sha || !commit) throw new ApiError(404, "Branch not found");
    const api = `${ctx.world.baseUrl}/repos/${ctx.repo.fullName}`;
    return json(200, {
      name,
      commit: {
        sha,
        node_id: `C_${sha}`,
        commit: {
          message: commit.message,
          author: commit.author,
          committer: commit.committer,
          tree: { sha: commit.tree },
        },
        url: `${api}/commits/${sha}`,
        parents: commit.parents.map((parent) => ({ sha: parent })),
      },
      _links: {
        self: `${api}/branches/${encodeURIComponent(name)}`,
        html: `${ctx.world.baseUrl}/${ctx.repo.fullName}/tree/${name}`,
      },
      protected: ctx.repo.protections.has(name),
      protection: renderBranchProtectionSummary(ctx.repo.protections.get(name)),
      protection_url: `${api}/branches/${encodeURIComponent(name)}/protection`,
    });
  }),

  repoRoute("GET", "/compare/*basehead", async (ctx) => {
    const basehead = param(ctx.params, "basehead");
    const split = basehead.indexOf("...");
    if (split === -1) throw notFound();
    const baseName = basehead.slice(0, split);
    const headName = basehead.slice(split + 3);
    const bare = ctx.repo.bare;
    const [base, head] = await Promise.all([bare.resolveCommit(baseName), bare.resolveCommit(headName)]);
    if (!base || !head) throw notFound();
    const mergeBase = await bare.mergeBase(base, head);
    if (!mergeBase) throw new ApiError(404, `No common ancestor between ${baseName} and ${headName}.`);
    const [{ ahead, behind }, commits] = await Promise.all([
      bare.countBetween(base, head),
      bare.commitsBetween(base, head),
    ]);
    const status =
      ahead === 0 && behind === 0 ? "identical" : behind === 0 ? "ahead" : ahead === 0 ? "behind" : "diverged";
    const api = `${ctx.world.baseUrl}/repos/${ctx.repo.fullName}`;
    return json(200, {
      url: `${api}/compare/${basehead}`,
      status,
      ahead_by: ahead,
      behind_by: behind,
      total_commits: ahead,
      base_commit: { sha: base },
      merge_base_commit: { sha: mergeBase },
      commits: commits.map((c) => ({ sha: c.sha, commit: { message: c.message }, url: `${api}/commits/${c.sha}` })),
      files: [],
    });
  }),
];
