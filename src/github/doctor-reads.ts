import { z } from "zod";
import type { DoctorGitHub, RepositoryAccess } from "../core/doctor/doctor-ports.js";
import { RepositoryNotFoundError } from "../errors/index.js";
import { listLabels } from "./labels.js";
import { parsePayload } from "./parse-payload.js";
import { statusOf, type RepoContext } from "./repo-context.js";
import { getRateLimit, getViewer } from "./repository.js";
import { withTranslatedErrors } from "./translate-error.js";

const accessSchema = z.object({
  full_name: z.string(),
  private: z.boolean(),
  permissions: z
    .object({
      admin: z.boolean().optional(),
      maintain: z.boolean().optional(),
      push: z.boolean(),
      triage: z.boolean().optional(),
      pull: z.boolean().optional(),
    })
    .optional(),
});

/**
 * `doctor`'s four GitHub reads, all GETs: the user, the repository with our permissions and the
 * token's scopes (GitHub sends `X-OAuth-Scopes` on any answer to a classic or OAuth token), the
 * labels, and the rate limit (which does not count against itself).
 */
export function createDoctorReads(ctx: RepoContext): DoctorGitHub {
  const fullName = `${ctx.owner}/${ctx.repo}`;
  return {
    viewer: () => withTranslatedErrors("read the authenticated user", async () => (await getViewer(ctx)).login),
    repository: () => withTranslatedErrors(`read the repository ${fullName}`, () => readAccess(ctx)),
    labels: () => withTranslatedErrors(`list the labels of ${fullName}`, () => listLabels(ctx)),
    rateLimit: () => withTranslatedErrors("read the rate limit", () => getRateLimit(ctx)),
  };
}

async function readAccess(ctx: RepoContext): Promise<RepositoryAccess> {
  try {
    const { data, headers } = await ctx.octokit.rest.repos.get({ owner: ctx.owner, repo: ctx.repo });
    const repo = parsePayload(accessSchema, data, "GET /repos/{owner}/{repo}");
    const scopes = headers["x-oauth-scopes"];
    const permissions = repo.permissions;
    return {
      fullName: repo.full_name,
      isPrivate: repo.private,
      permissions: {
        admin: permissions?.admin ?? false,
        maintain: permissions?.maintain ?? false,
        push: permissions?.push ?? false,
        triage: permissions?.triage ?? false,
        pull: permissions?.pull ?? false,
      },
      tokenScopes:
        typeof scopes === "string"
          ? scopes
              .split(",")
              .map((scope) => scope.trim())
              .filter(Boolean)
          : undefined,
    };
  } catch (error) {
    if (statusOf(error) === 404) {
      throw new RepositoryNotFoundError(`${ctx.owner}/${ctx.repo} was not found, or this token cannot see it`, {
        status: 404,
        hint: "check the repository's name (origin, --repo or [github] owner and repo) and that the token may read it",
      });
    }
    throw error;
  }
}
