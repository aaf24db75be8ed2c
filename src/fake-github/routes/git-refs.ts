import { isFullSha, type RefEntry } from "../bare-repo.js";
import { notFound, unprocessable } from "../errors.js";
import type { RepoState } from "../state.js";
import { asObject, optionalBoolean, param, requiredString } from "./body.js";
import { json, repoRoute, type RouteDef } from "./context.js";

// The Git references API over the real bare repository. Creation is the claim lock of
// my-little-soda (design §3), so it is a true compare-and-set: `git update-ref <ref> <sha> ""`.

function renderRef(repo: RepoState, entry: RefEntry): Record<string, unknown> {
  const api = `${repo.world.baseUrl}/repos/${repo.fullName}/git`;
  const kind = entry.type === "tree" ? "trees" : entry.type === "tag" ? "tags" : "commits";
  return {
    ref: entry.ref,
    node_id: `REF_${Buffer.from(`${repo.fullName}:${entry.ref}`).toString("base64url")}`,
    url: `${api}/${entry.ref}`,
    object: { sha: entry.sha, type: entry.type, url: `${api}/${kind}/${entry.sha}` },
  };
}

/**
 * The URL carries "heads/x" (Octokit may encode the slashes). A client that sends "refs/heads/x"
 * gets GitHub's answer for "refs/refs/heads/x": not found.
 */
function fullRefFromPath(raw: string): string {
  return `refs/${raw}`;
}

function checkRefName(ref: string): void {
  if (!ref.startsWith("refs/") || ref.split("/").length < 3) {
    throw unprocessable("Reference name must contain at least three slash-separated components.");
  }
  if (/(^|\/)\.|\.\.|[\s~^:?*[\\]|\/\/|\/$|\.lock$|@\{/.test(ref))
    throw unprocessable(`${ref} is not a valid ref name.`);
}

async function requireRef(repo: RepoState, ref: string): Promise<RefEntry> {
  const entry = await repo.bare.readRef(ref);
  if (!entry) throw unprocessable("Reference does not exist");
  return entry;
}

export const gitRefRoutes: RouteDef[] = [
  repoRoute("GET", "/git/ref/*ref", async (ctx) => {
    const entry = await ctx.repo.bare.readRef(fullRefFromPath(param(ctx.params, "ref")));
    if (!entry) throw notFound();
    return json(200, renderRef(ctx.repo, entry));
  }),

  // GitHub matches by string prefix here ("heads/feat" also lists "heads/feature-x").
  repoRoute("GET", "/git/matching-refs/*ref", async (ctx) => {
    const prefix = fullRefFromPath(param(ctx.params, "ref"));
    const refs = await ctx.repo.bare.listRefs(prefix);
    return json(
      200,
      refs.map((entry) => renderRef(ctx.repo, entry)),
    );
  }),

  repoRoute("POST", "/git/refs", async (ctx) => {
    const body = asObject(ctx.body);
    const ref = requiredString(body, "ref", "Reference");
    const sha = requiredString(body, "sha", "Reference");
    checkRefName(ref);
    const outcome = await ctx.repo.bare.createRef(ref, sha);
    if (outcome === "exists") throw unprocessable("Reference already exists");
    if (outcome === "bad-object") throw unprocessable("Object does not exist");
    if (outcome === "failed") throw unprocessable("Reference update failed");
    return json(201, renderRef(ctx.repo, await requireRef(ctx.repo, ref)));
  }),

  repoRoute("PATCH", "/git/refs/*ref", async (ctx) => {
    const ref = fullRefFromPath(param(ctx.params, "ref"));
    const body = asObject(ctx.body);
    const sha = requiredString(body, "sha", "Reference");
    const force = optionalBoolean(body, "force") ?? false;
    const current = await requireRef(ctx.repo, ref);
    if (!isFullSha(sha) || (await ctx.repo.bare.objectTypes([sha])).get(sha) !== "commit") {
      throw unprocessable("Object does not exist");
    }
    if (!force && current.sha !== sha && !(await ctx.repo.bare.isAncestor(current.sha, sha))) {
      throw unprocessable("Update is not a fast forward");
    }
    // Compare-and-set against what we just read, so a concurrent `git push` is never lost.
    if (!(await ctx.repo.bare.updateRef(ref, sha, current.sha))) {
      throw unprocessable(force ? "Reference update failed" : "Update is not a fast forward");
    }
    return json(200, renderRef(ctx.repo, await requireRef(ctx.repo, ref)));
  }),

  repoRoute("DELETE", "/git/refs/*ref", async (ctx) => {
    const ref = fullRefFromPath(param(ctx.params, "ref"));
    const current = await requireRef(ctx.repo, ref);
    if (!(await ctx.repo.bare.deleteRef(ref, current.sha))) throw unprocessable("Reference does not exist");
    return json(204);
  }),
];
