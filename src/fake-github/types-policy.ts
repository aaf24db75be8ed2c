// Public types for repository merge settings and branch protection.

export interface RepoSettings {
  allowMergeCommit: boolean;
  allowSquashMerge: boolean;
  allowRebaseMerge: boolean;
  /** The head branch is deleted once its pull request is merged. */
  deleteBranchOnMerge: boolean;
  allowUpdateBranch: boolean;
  allowAutoMerge: boolean;
}

export interface RequiredCheckSeed {
  context: string;
  /** Only this GitHub App may satisfy the check; null or absent: any source. */
  appId?: number | null;
}

export interface BranchProtectionSeed {
  requiredStatusChecks?: {
    /** Require branches to be up to date before merging. */
    strict?: boolean;
    /** Names that must pass, as commit status contexts or check run names. */
    contexts?: string[];
    checks?: RequiredCheckSeed[];
  } | null;
  requiredPullRequestReviews?: {
    requiredApprovingReviewCount?: number;
    /** Approvals are dismissed when new commits are pushed. */
    dismissStaleReviews?: boolean;
    requireCodeOwnerReviews?: boolean;
    requireLastPushApproval?: boolean;
  } | null;
  /** Off by default, as on GitHub: admins then merge past unmet requirements. */
  enforceAdmins?: boolean;
  requiredLinearHistory?: boolean;
  allowForcePushes?: boolean;
  allowDeletions?: boolean;
}

/** FakeRepo's settings helpers: what an admin sets on github.com. */
export interface FakeRepoPolicy {
  settings(): RepoSettings;
  updateSettings(patch: Partial<RepoSettings>): RepoSettings;
  /** `null` removes the protection. */
  setBranchProtection(branch: string, protection: BranchProtectionSeed | null): void;
  /**
   * Opt-in: the first read of a pull request after its head or base moved answers
   * `mergeable: null, mergeable_state: "unknown"`, as GitHub does while it computes.
   */
  setMergeabilityDelay(enabled: boolean): void;
}

/** The app id of GitHub Actions, so tests can name it in `RequiredCheckSeed.appId`. */
export const GITHUB_ACTIONS_APP_ID = 15368;
