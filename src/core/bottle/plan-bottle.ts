import { branchPrefixFor, issueNumberOfBranch } from "../../domain/branch-name.js";
import type { Issue } from "../../domain/issue.js";
import { ClaimLostError, GitError, NothingToDoError, UsageError } from "../../errors/index.js";
import type { GitWorkspace, IssueTracker, PullRequestSummary } from "../ports.js";

export interface BottleRequest {
  tracker: IssueTracker;
  git: GitWorkspace;
  agentId: string;
  baseBranch: string | undefined;
  /** Deliver this issue's branch rather than the checked-out one. */
  issueNumber?: number;
  /** A verify command will run, so the branch must be the one checked out here. */
  willVerify: boolean;
  /** The lease commit the caller wrote for this claim: a claim ref still at it needs no lease read. */
  ownLeaseSha?: string;
  /** The issue and its claim ref as the caller read them a moment ago (the loop's drift check). */
  known?: {
    issue: Issue;
    claimSha: string | undefined;
    /**
     * The caller has recorded no pull request for this branch (the loop checkpoints its number the
     * moment it exists), so none is looked for: should one exist after all (its answer was lost),
     * opening it again finds it (GitHub's 422).
     */
    noPullRecorded?: boolean;
  };
}

export interface BottlePlan {
  issue: Issue;
  branch: string;
  baseBranch: string;
  /** The branch is the one checked out here (so bottle can return to base afterwards). */
  checkedOut: boolean;
  commits: Array<{ sha: string; subject: string }>;
  untracked: string[];
  /** The PR already open for this branch: a re-run after a crash, or after a complete bottle. */
  existingPull: PullRequestSummary | undefined;
  /** Whether our claim ref is still there (to release it). */
  claimHeld: boolean;
}

/** Every check and read before bottle's first write; `--dry-run` stops here. */
export async function planBottle(request: BottleRequest): Promise<BottlePlan> {
  const { tracker, git, agentId } = request;
  const current = await git.currentBranch();
  const { branch, issueNumber } = await findBranch(git, agentId, current, request.issueNumber);
  const checkedOut = branch === current;
  if (!checkedOut && request.willVerify) {
    throw new UsageError(`${branch} is not checked out here, so the verify command cannot run on its code`, {
      hint: "run bottle where the branch is checked out (its worktree), or pass --no-verify",
    });
  }

  const status = await git.status();
  if (checkedOut && status.changedTrackedFiles.length > 0) {
    throw new GitError(`uncommitted changes on ${branch} (${status.changedTrackedFiles.slice(0, 3).join(", ")})`, {
      hint: "commit them (or stash them) and run bottle again; untracked files are never delivered",
    });
  }

  const baseBranch = request.baseBranch ?? (await tracker.getRepository()).defaultBranch;
  // GitHub's reads go out while git fetches the base (design §9: one round trip for all of them).
  const [commits, existingPull, issue, claimSha, ownLeaseSha] = await Promise.all([
    git.fetch("origin", baseBranch).then(() => git.listCommits(`origin/${baseBranch}`, branch)),
    request.known?.noPullRecorded ? undefined : tracker.findOpenPullRequest(branch),
    request.known?.issue.number === issueNumber ? request.known.issue : tracker.getIssue(issueNumber),
    request.known?.issue.number === issueNumber ? request.known.claimSha : tracker.getClaimRef(issueNumber),
    request.ownLeaseSha ?? git.rememberedLease(agentId),
  ]);
  if (commits.length === 0 && !existingPull) {
    throw new NothingToDoError(`nothing to bottle: ${branch} has no commits ahead of origin/${baseBranch}`);
  }
  // The fence: a holder whose claim was released or taken over must not deliver. A PR that is
  // already open means an earlier bottle got that far, so finishing it is always allowed.
  if (!existingPull) {
    const lease =
      claimSha && claimSha === ownLeaseSha
        ? { agent: agentId }
        : claimSha
          ? await tracker.readLease(claimSha)
          : undefined;
    if (!lease || lease.agent !== agentId) {
      throw new ClaimLostError(
        lease
          ? `#${issueNumber} is now claimed by ${lease.agent}, not ${agentId}`
          : `${agentId} no longer holds a claim on #${issueNumber}`,
        {
          hint: "the claim was released or taken over; `my-little-soda status` shows who holds it — pop it again to deliver",
        },
      );
    }
  }
  return {
    issue,
    branch,
    baseBranch,
    checkedOut,
    commits,
    untracked: checkedOut ? status.untrackedFiles : [],
    existingPull,
    claimHeld: claimSha !== undefined,
  };
}

async function findBranch(
  git: GitWorkspace,
  agentId: string,
  current: string | undefined,
  issueNumber: number | undefined,
): Promise<{ branch: string; issueNumber: number }> {
  if (issueNumber !== undefined) {
    const prefix = branchPrefixFor(agentId, issueNumber);
    if (current?.startsWith(prefix)) return { branch: current, issueNumber };
    const [branch, ...others] = await git.listBranches(prefix);
    if (!branch)
      throw new UsageError(`no local branch ${prefix}… to deliver`, {
        hint: "pop the issue first, or pass the right --issue (and --agent)",
      });
    if (others.length > 0)
      throw new UsageError(`several branches for #${issueNumber}: ${[branch, ...others].join(", ")}`, {
        hint: "check out the one to deliver and run bottle without --issue",
      });
    return { branch, issueNumber };
  }
  const currentIssue = current === undefined ? undefined : issueNumberOfBranch(agentId, current);
  if (!current || currentIssue === undefined) {
    throw new UsageError(
      `${current ? `${current} is not` : "HEAD is detached, not"} one of ${agentId}'s branches (${agentId}/<issue>-<slug>)`,
      {
        hint: "check out the branch pop created, or pass --issue N",
      },
    );
  }
  return { branch: current, issueNumber: currentIssue };
}
