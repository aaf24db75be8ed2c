import { GitError, NothingToDoError, UsageError } from "../../errors/index.js";
import type { GitWorkspace, IssueTracker } from "../ports.js";
import { findStaleClaims, type StaleClaim } from "./find-stale-claims.js";

export interface TakeoverPopRequest {
  tracker: IssueTracker;
  git: GitWorkspace;
  agentId: string;
  baseBranch: string | undefined;
  worktree: boolean;
  now: Date;
  /** `[autonomous] lease_minutes`: the lifetime of leases that do not carry their own. */
  leaseMinutes: number;
}

export interface TakeoverPopPlan {
  login: string;
  baseBranch: string;
  root: string;
  /** Other agents' expired claims, oldest heartbeat first: the ones `pop --take-over-stale` would try. */
  stale: StaleClaim[];
  worktree: boolean;
}

/** Everything `pop --take-over-stale` reads before its first write; `--dry-run` stops here. */
export async function planTakeoverPop(request: TakeoverPopRequest): Promise<TakeoverPopPlan> {
  const { tracker, git, agentId } = request;
  const root = await git.root();
  if (!request.worktree && (await git.status()).changedTrackedFiles.length > 0) {
    throw new GitError("the working tree has uncommitted changes", {
      hint: "commit or stash them first, or use `pop --take-over-stale --worktree`",
    });
  }
  const [held, viewer, baseBranch, stale] = await Promise.all([
    tracker.listOpenIssues({ labels: [agentId], perPage: 10 }),
    tracker.getViewer(),
    request.baseBranch ?? tracker.getRepository().then((repository) => repository.defaultBranch),
    findStaleClaims(tracker, { agentId, now: request.now, leaseMinutes: request.leaseMinutes }),
  ]);
  const claimed = held.issues.find((issue) => !issue.isPullRequest);
  if (claimed) {
    throw new UsageError(`${agentId} already holds a claim on #${claimed.number} (${claimed.title})`, {
      hint: "deliver it with `my-little-soda bottle` or release it with `my-little-soda reset` first",
    });
  }
  if (stale.length === 0) {
    throw new NothingToDoError("no stale claim to take over: every claim's holder renewed its lease in time");
  }
  return { login: viewer.login, baseBranch, root, stale, worktree: request.worktree };
}
