import { z } from "zod";
import type { QuotaPause } from "../domain/quota-pause.js";
import { formatPauseMessage, parsePauseMessage } from "../domain/quota-pause.js";
import { EMPTY_TREE } from "./claim-refs.js";
import { parsePayload } from "./parse-payload.js";
import { statusOf, type RepoContext } from "./repo-context.js";
import { refSchema } from "./schemas.js";

/** `refs/my-little-soda/pause/<key>`: loops running one agent command on one account pause together. */
const PAUSE_NAMESPACE = "my-little-soda/pause/";
const commitSchema = z.object({ sha: z.string(), message: z.string() });

export async function readPause(ctx: RepoContext, key: string): Promise<QuotaPause | undefined> {
  let sha: string;
  try {
    const { data } = await ctx.octokit.rest.git.getRef({
      owner: ctx.owner,
      repo: ctx.repo,
      ref: `${PAUSE_NAMESPACE}${key}`,
    });
    sha = parsePayload(refSchema, data, "GET /git/ref").object.sha;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
  const { data } = await ctx.octokit.rest.git.getCommit({ owner: ctx.owner, repo: ctx.repo, commit_sha: sha });
  return parsePauseMessage(parsePayload(commitSchema, data, "GET /git/commits/{sha}").message);
}

/** Set (or move) the pause; the ref is moved with force: the newest pause is the one that counts. */
export async function writePause(ctx: RepoContext, key: string, pause: QuotaPause): Promise<void> {
  const { data } = await ctx.octokit.rest.git.createCommit({
    owner: ctx.owner,
    repo: ctx.repo,
    message: formatPauseMessage(pause),
    tree: EMPTY_TREE,
    parents: [],
  });
  const sha = parsePayload(commitSchema, data, "POST /git/commits").sha;
  try {
    await ctx.octokit.rest.git.createRef({
      owner: ctx.owner,
      repo: ctx.repo,
      ref: `refs/${PAUSE_NAMESPACE}${key}`,
      sha,
    });
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    await ctx.octokit.rest.git.updateRef({
      owner: ctx.owner,
      repo: ctx.repo,
      ref: `${PAUSE_NAMESPACE}${key}`,
      sha,
      force: true,
    });
  }
}

export async function clearPause(ctx: RepoContext, key: string): Promise<void> {
  try {
    await ctx.octokit.rest.git.deleteRef({ owner: ctx.owner, repo: ctx.repo, ref: `${PAUSE_NAMESPACE}${key}` });
  } catch (error) {
    if (statusOf(error) !== 404 && statusOf(error) !== 422) throw error;
  }
}
