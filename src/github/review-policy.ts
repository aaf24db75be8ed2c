import type { MergeSettingsFact, PermissionLevel, ProtectionFact } from "../domain/review/facts.js";
import { parsePayload } from "./parse-payload.js";
import { statusOf, type RepoContext } from "./repo-context.js";
import { messageOf, oneOf, repoOf } from "./review-fields.js";
import * as schema from "./review-schemas.js";

/** The repository's rules: people's permissions, branch protection, merge settings (design §11). */

export async function readPermission(ctx: RepoContext, login: string): Promise<PermissionLevel> {
  try {
    const { data } = await ctx.octokit.rest.repos.getCollaboratorPermissionLevel({
      ...repoOf(ctx),
      username: login,
    });
    const level = parsePayload(schema.permissionSchema, data, "GET /collaborators/{login}/permission");
    return oneOf(
      level.role_name ?? level.permission,
      ["admin", "maintain", "write", "triage", "read", "none"] as const,
      "none",
    );
  } catch (error) {
    // Not a collaborator (or a bot): no say over the loop.
    if (statusOf(error) === 404) return "none" as const;
    throw error;
  }
}

export async function getBranchProtection(
  ctx: RepoContext,
  branch: string,
): Promise<ProtectionFact | "none" | "unreadable"> {
  // The branch itself says whether it is protected, answers anyone and is cached (304s while
  // the base does not move); the protection endpoint answers an unprotected branch with a 404,
  // which no cache keeps, so every poll of `status` would pay for it.
  try {
    const summary = await ctx.octokit.rest.repos.getBranch({ ...repoOf(ctx), branch });
    if (parsePayload(schema.branchSummarySchema, summary.data, "GET /branches/{branch}").protected === false)
      return "none" as const;
    const { data } = await ctx.octokit.rest.repos.getBranchProtection({ ...repoOf(ctx), branch });
    const rules = parsePayload(schema.protectionSchema, data, "GET /branches/{branch}/protection");
    const checks = rules.required_status_checks;
    return {
      requiredChecks: [
        ...new Set([...(checks?.contexts ?? []), ...(checks?.checks ?? []).map((check) => check.context)]),
      ],
      strict: checks?.strict ?? false,
      requiredApprovals: rules.required_pull_request_reviews?.required_approving_review_count ?? 0,
    };
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 && /not protected/i.test(messageOf(error))) return "none" as const;
    // Reading protection needs admin rights: without them the configured fallback applies.
    if (status === 403 || status === 404) return "unreadable" as const;
    throw error;
  }
}

export async function readMergeSettings(ctx: RepoContext): Promise<MergeSettingsFact> {
  const { data } = await ctx.octokit.rest.repos.get(repoOf(ctx));
  const settings = parsePayload(schema.mergeSettingsSchema, data, "GET /repos/{owner}/{repo}");
  return {
    allowMergeCommit: settings.allow_merge_commit ?? true,
    allowSquashMerge: settings.allow_squash_merge ?? true,
    allowRebaseMerge: settings.allow_rebase_merge ?? true,
    deleteBranchOnMerge: settings.delete_branch_on_merge ?? false,
  };
}
