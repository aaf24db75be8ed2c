import { branchFor, worktreePathFor } from "../../domain/branch-name.js";
import { claimedMarks, showsClaim } from "../../domain/claim-marks.js";
import type { Issue } from "../../domain/issue.js";
import type { Lease } from "../../domain/lease.js";
import {
  ClaimTakenError,
  GitHubUnavailableError,
  LostEveryRaceError,
  NothingToDoError,
  type SodaError,
} from "../../errors/index.js";
import type { GitWorkspace, IssueTracker } from "../ports.js";
import type { PopPlan } from "./plan-pop.js";
import { MAX_QUEUE_READS, raceForCandidates } from "./race-candidates.js";

export interface PopIdentity {
  agentId: string;
  host: string;
  runId: string;
  now: () => Date;
  /** The lease's lifetime without a heartbeat (design §3): the loop's lease_minutes, or manual_lease_hours by hand. */
  leaseMinutes?: number;
  /** Who claims: the loop, or a person with `pop`. */
  by?: "loop" | "pop";
}

export interface PopResult {
  number: number;
  title: string;
  branch: string;
  url: string;
  /** Where the work happens: the worktree's path, or the checkout's root. */
  workdir: string;
  /** Candidates another agent locked first. */
  lostTo: number[];
  /** A local branch of that name existed and was reused rather than recreated. */
  reusedBranch: boolean;
}

/**
 * The claim protocol (design §3): one lease commit, then a compare-and-set ref per candidate
 * until one is won (reading the queue again, a bounded number of times, when all are lost); then the visible marks, verified; then the branch. A failure after the
 * lock rolls the claim back, so no lock is left without marks and no marks without a lock.
 */
export async function applyPop(
  plan: PopPlan,
  tracker: IssueTracker,
  git: GitWorkspace,
  identity: PopIdentity,
): Promise<PopResult> {
  // The fetch only moves remote-tracking refs, so it runs while GitHub answers the claim's writes.
  const fetched = git.fetch("origin", plan.baseBranch);
  fetched.catch(() => undefined);
  const leaseSha = await writeLease(tracker, plan.login, identity);
  // Only saves bottle a read, so a clone that cannot note it still works; noted while GitHub answers.
  const noted = git.rememberLease(identity.agentId, leaseSha).catch(() => undefined);
  const race = await raceForCandidates({
    tracker,
    agentId: identity.agentId,
    login: plan.login,
    candidates: plan.candidates,
    fromQueue: plan.fromQueue,
    // The candidate as read is kept: a failure placing the branch puts the issue back that way.
    tryOne: async (candidate) => {
      const issue = await claimCandidate(tracker, candidate, plan.login, identity.agentId, leaseSha);
      return issue && { before: candidate, issue };
    },
  });
  if (race.kind === "lost") throw lostError(race.lostTo, race.queueEmpty, plan.fromQueue);
  const {
    value: { before, issue },
    lostTo,
  } = race;
  const placed = await placeBranchOrRollBack(plan, tracker, git, before, issue, identity.agentId, fetched);
  await noted;
  return {
    number: issue.number,
    title: issue.title,
    branch: placed.branch,
    url: issue.url,
    workdir: placed.workdir,
    lostTo,
    reusedBranch: placed.reused,
  };
}

function lostError(lostTo: readonly number[], queueEmpty: boolean, fromQueue: boolean): SodaError {
  const tried = lostTo.map((n) => `#${n}`).join(", ");
  if (!fromQueue) return new NothingToDoError(`${tried} was claimed by another agent first`);
  if (queueEmpty) {
    return new NothingToDoError(`the queue is empty: other agents claimed every eligible issue first (lost ${tried})`);
  }
  return new LostEveryRaceError(
    `lost every race: other agents claimed each of ${tried} first, over ${MAX_QUEUE_READS} reads of the queue`,
    {
      lostTo: [...lostTo],
      hint: "eligible issues remain; many agents are claiming at once — run pop again",
    },
  );
}

/** The lease commit a claim ref will point at (one per pop, shared by every candidate tried). */
export function writeLease(
  tracker: Pick<IssueTracker, "createLeaseCommit">,
  login: string,
  identity: PopIdentity,
): Promise<string> {
  const lease: Lease = {
    agent: identity.agentId,
    login,
    host: identity.host,
    runId: identity.runId,
    heartbeatAt: identity.now(),
    epoch: 1,
    ...(identity.leaseMinutes === undefined ? {} : { leaseMinutes: identity.leaseMinutes }),
    ...(identity.by === undefined ? {} : { by: identity.by }),
  };
  return tracker.createLeaseCommit(lease);
}

/**
 * Lock one candidate and put the marks on it. Returns the issue as marked, or undefined when
 * another agent locked it first. A failure after the lock rolls the lock back.
 */
export async function claimCandidate(
  tracker: IssueTracker,
  candidate: Issue,
  login: string,
  agentId: string,
  leaseSha: string,
): Promise<Issue | undefined> {
  try {
    await tracker.createClaimRef(candidate.number, leaseSha);
  } catch (error) {
    if (!(error instanceof ClaimTakenError)) throw error;
    if (!(await isOwnOrphan(tracker, error, agentId))) return undefined;
  }
  return markOrRollBack(tracker, candidate, login, agentId);
}

/**
 * A lock without marks whose lease names this very agent can only be left by an earlier pop of
 * ours that failed before its marks and could not roll back (GitHub down). This agent holds no
 * other claim (planPop checked), so the lock is ours to finish, not a lost race.
 */
async function isOwnOrphan(tracker: IssueTracker, error: ClaimTakenError, agentId: string): Promise<boolean> {
  if (!error.currentSha) return false;
  const lease = await tracker.readLease(error.currentSha);
  return lease?.agent === agentId;
}

async function markOrRollBack(tracker: IssueTracker, candidate: Issue, login: string, agentId: string): Promise<Issue> {
  try {
    const marked = await tracker.setMarks(candidate.number, claimedMarks(candidate, agentId, login));
    if (!showsClaim(marked, agentId)) {
      // GitHub answered, but not with the write just made: as unreliable as a 5xx, and as retryable.
      throw new GitHubUnavailableError(`GitHub did not keep the claim labels on #${candidate.number}`, {
        reason: "server-error",
        hint: "someone may have edited the issue at the same moment; the claim was rolled back — run pop again",
      });
    }
    return marked;
  } catch (error) {
    await tracker.deleteClaimRef(candidate.number).catch(() => undefined);
    throw error;
  }
}

async function placeBranchOrRollBack(
  plan: PopPlan,
  tracker: IssueTracker,
  git: GitWorkspace,
  before: Issue,
  issue: Issue,
  agentId: string,
  fetched: Promise<void>,
): Promise<{ branch: string; workdir: string; reused: boolean }> {
  const branch = branchFor(agentId, issue);
  try {
    await fetched;
    return await placeBranch(git, plan, issue, branch, `origin/${plan.baseBranch}`);
  } catch (error) {
    // Put the issue back exactly as it was before the claim.
    await tracker.setMarks(issue.number, { labels: before.labels, assignees: before.assignees }).catch(() => undefined);
    await tracker.deleteClaimRef(issue.number).catch(() => undefined);
    throw error;
  }
}

/**
 * The claimed issue's branch in place — a worktree, or checked out here — from `startPoint`. A
 * branch left from an earlier claim may hold commits: it is checked out as it is, never recreated.
 */
export async function placeBranch(
  git: GitWorkspace,
  where: { root: string; worktree: boolean },
  issue: Issue,
  branch: string,
  startPoint: string,
): Promise<{ branch: string; workdir: string; reused: boolean }> {
  const reused = (await git.resolveRef(`refs/heads/${branch}`)) !== undefined;
  if (where.worktree) {
    const workdir = worktreePathFor(where.root, issue);
    await git.addWorktree(workdir, branch, startPoint);
    return { branch, workdir, reused };
  }
  if (reused) await git.checkout(branch);
  else await git.createAndCheckoutBranch(branch, startPoint);
  return { branch, workdir: where.root, reused };
}
