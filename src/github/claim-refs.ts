import { z } from "zod";
import { CLAIM_REF_NAMESPACE, claimRefName } from "../domain/claim-ref-name.js";
import { formatLeaseMessage, parseLeaseMessage, type Lease } from "../domain/lease.js";
import { ClaimLostError, ClaimTakenError } from "../errors/index.js";
import type { ClaimRef } from "../core/ports.js";
import { parsePayload } from "./parse-payload.js";
import { statusOf, type RepoContext } from "./repo-context.js";
import { refSchema } from "./schemas.js";

/** git's well-known empty tree: lease commits carry no files, only their message. */
export const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

const commitSchema = z.object({ sha: z.string(), message: z.string() });

export async function createLeaseCommit(ctx: RepoContext, lease: Lease, parentSha?: string): Promise<string> {
  const { data } = await ctx.octokit.rest.git.createCommit({
    owner: ctx.owner,
    repo: ctx.repo,
    message: formatLeaseMessage(lease),
    tree: EMPTY_TREE,
    parents: parentSha ? [parentSha] : [],
  });
  return parsePayload(commitSchema, data, "POST /git/commits").sha;
}

export async function readLease(ctx: RepoContext, sha: string): Promise<Lease | undefined> {
  const { data } = await ctx.octokit.rest.git.getCommit({ owner: ctx.owner, repo: ctx.repo, commit_sha: sha });
  return parseLeaseMessage(parsePayload(commitSchema, data, "GET /git/commits/{sha}").message);
}

export async function getClaimRef(ctx: RepoContext, issueNumber: number): Promise<string | undefined> {
  try {
    const { data } = await ctx.octokit.rest.git.getRef({
      owner: ctx.owner,
      repo: ctx.repo,
      ref: `${CLAIM_REF_NAMESPACE}${issueNumber}`,
    });
    return parsePayload(refSchema, data, "GET /git/ref").object.sha;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

export async function createClaimRef(ctx: RepoContext, issueNumber: number, sha: string): Promise<void> {
  try {
    await ctx.octokit.rest.git.createRef({
      owner: ctx.owner,
      repo: ctx.repo,
      ref: claimRefName(issueNumber),
      sha,
    });
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    // A retried create whose first answer was lost finds its own ref: that is a win, not a loss.
    const current = await getClaimRef(ctx, issueNumber);
    if (current === sha) return;
    throw new ClaimTakenError(`#${issueNumber} was claimed by another agent first`, {
      status: 422,
      cause: error,
      currentSha: current,
    });
  }
}

export async function moveClaimRef(ctx: RepoContext, issueNumber: number, sha: string): Promise<void> {
  try {
    await ctx.octokit.rest.git.updateRef({
      owner: ctx.owner,
      repo: ctx.repo,
      ref: `${CLAIM_REF_NAMESPACE}${issueNumber}`,
      sha,
      force: false,
    });
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    if ((await getClaimRef(ctx, issueNumber)) === sha) return;
    throw new ClaimLostError(`the claim on #${issueNumber} moved on without us (released or taken over)`, {
      status: 422,
      cause: error,
      hint: "`my-little-soda status` shows who holds it now",
    });
  }
}

export async function deleteClaimRef(ctx: RepoContext, issueNumber: number): Promise<"deleted" | "absent"> {
  try {
    await ctx.octokit.rest.git.deleteRef({
      owner: ctx.owner,
      repo: ctx.repo,
      ref: `${CLAIM_REF_NAMESPACE}${issueNumber}`,
    });
    return "deleted";
  } catch (error) {
    if (statusOf(error) === 422 || statusOf(error) === 404) return "absent";
    throw error;
  }
}

export async function listClaimRefs(ctx: RepoContext): Promise<ClaimRef[]> {
  const { data } = await ctx.octokit.rest.git.listMatchingRefs({
    owner: ctx.owner,
    repo: ctx.repo,
    ref: CLAIM_REF_NAMESPACE,
  });
  return parsePayload(z.array(refSchema), data, "GET /git/matching-refs")
    .map((ref) => ({ issueNumber: Number(ref.ref.slice(`refs/${CLAIM_REF_NAMESPACE}`.length)), sha: ref.object.sha }))
    .filter((claim) => Number.isInteger(claim.issueNumber) && claim.issueNumber > 0);
}
