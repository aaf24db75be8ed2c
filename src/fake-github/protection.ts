import type { BranchProtectionSeed, RepoSettings } from "./types-policy.js";

// Branch protection as the fake enforces it, and GitHub's JSON for it. A seed is normalised
// once, so the merge gate and the renderers never deal with optional fields.

export interface RequiredCheck {
  context: string;
  appId: number | null;
}

export interface ProtectionRecord {
  requiredStatusChecks: { strict: boolean; checks: RequiredCheck[] } | null;
  requiredReviews: {
    count: number;
    dismissStale: boolean;
    codeOwners: boolean;
    lastPushApproval: boolean;
  } | null;
  enforceAdmins: boolean;
  linearHistory: boolean;
  allowForcePushes: boolean;
  allowDeletions: boolean;
}

export const DEFAULT_SETTINGS: RepoSettings = {
  allowMergeCommit: true,
  allowSquashMerge: true,
  allowRebaseMerge: true,
  deleteBranchOnMerge: false,
  allowUpdateBranch: false,
  allowAutoMerge: false,
};

export function protectionRecord(seed: BranchProtectionSeed): ProtectionRecord {
  const checks = seed.requiredStatusChecks;
  const reviews = seed.requiredPullRequestReviews;
  const named = (checks?.contexts ?? []).map((context) => ({ context, appId: null }));
  const withApps = (checks?.checks ?? []).map((check) => ({ context: check.context, appId: check.appId ?? null }));
  return {
    requiredStatusChecks: checks ? { strict: checks.strict ?? false, checks: [...named, ...withApps] } : null,
    requiredReviews: reviews
      ? {
          count: reviews.requiredApprovingReviewCount ?? 1,
          dismissStale: reviews.dismissStaleReviews ?? false,
          codeOwners: reviews.requireCodeOwnerReviews ?? false,
          lastPushApproval: reviews.requireLastPushApproval ?? false,
        }
      : null,
    enforceAdmins: seed.enforceAdmins ?? false,
    linearHistory: seed.requiredLinearHistory ?? false,
    allowForcePushes: seed.allowForcePushes ?? false,
    allowDeletions: seed.allowDeletions ?? false,
  };
}

/** `GET /branches/{branch}/protection`, for an admin. */
export function renderProtection(url: string, protection: ProtectionRecord): Record<string, unknown> {
  const json: Record<string, unknown> = { url };
  const checks = protection.requiredStatusChecks;
  if (checks) {
    json["required_status_checks"] = {
      url: `${url}/required_status_checks`,
      strict: checks.strict,
      contexts: checks.checks.map((check) => check.context),
      contexts_url: `${url}/required_status_checks/contexts`,
      checks: checks.checks.map((check) => ({ context: check.context, app_id: check.appId })),
    };
  }
  const reviews = protection.requiredReviews;
  if (reviews) {
    json["required_pull_request_reviews"] = {
      url: `${url}/required_pull_request_reviews`,
      dismiss_stale_reviews: reviews.dismissStale,
      require_code_owner_reviews: reviews.codeOwners,
      required_approving_review_count: reviews.count,
      require_last_push_approval: reviews.lastPushApproval,
    };
  }
  json["required_signatures"] = { url: `${url}/required_signatures`, enabled: false };
  json["enforce_admins"] = { url: `${url}/enforce_admins`, enabled: protection.enforceAdmins };
  json["required_linear_history"] = { enabled: protection.linearHistory };
  json["allow_force_pushes"] = { enabled: protection.allowForcePushes };
  json["allow_deletions"] = { enabled: protection.allowDeletions };
  json["block_creations"] = { enabled: false };
  json["required_conversation_resolution"] = { enabled: false };
  json["lock_branch"] = { enabled: false };
  json["allow_fork_syncing"] = { enabled: false };
  return json;
}

/** The summary `GET /branches/{branch}` shows to anyone who can read the repository. */
export function renderBranchProtectionSummary(protection: ProtectionRecord | undefined): Record<string, unknown> {
  const checks = protection?.requiredStatusChecks;
  const level = !checks ? "off" : protection.enforceAdmins ? "everyone" : "non_admins";
  return {
    enabled: protection !== undefined,
    required_status_checks: {
      enforcement_level: level,
      contexts: checks?.checks.map((check) => check.context) ?? [],
      checks: checks?.checks.map((check) => ({ context: check.context, app_id: check.appId })) ?? [],
    },
  };
}

export function renderSettings(settings: RepoSettings): Record<string, boolean> {
  return {
    allow_merge_commit: settings.allowMergeCommit,
    allow_squash_merge: settings.allowSquashMerge,
    allow_rebase_merge: settings.allowRebaseMerge,
    allow_auto_merge: settings.allowAutoMerge,
    delete_branch_on_merge: settings.deleteBranchOnMerge,
    allow_update_branch: settings.allowUpdateBranch,
  };
}
