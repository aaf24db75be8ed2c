import { branchFor } from "../../domain/branch-name.js";
import { NothingToDoError } from "../../errors/index.js";
import { placeBranch, type PopIdentity } from "../pop/apply-pop.js";
import type { GitWorkspace, IssueTracker } from "../ports.js";
import type { TakeoverPopPlan } from "./plan-takeover-pop.js";
import { takeOverClaim } from "./take-over-claim.js";

/** Stale claims tried by one `pop --take-over-stale`. */
const MOST_TRIED = 3;

export interface TakeoverPopResult {
  number: number;
  title: string;
  branch: string;
  url: string;
  workdir: string;
  previousAgent: string;
  epoch: number;
  /** The previous holder's pushed branch the new one starts from, or null when it pushed none. */
  continuedFrom: string | null;
  /** Stale claims another agent took over first. */
  lostTo: number[];
}

/**
 * Take over the oldest stale claim that can be had (design §3) and put its branch in place —
 * started from what the previous holder pushed, so none of its commits is lost.
 */
export async function applyTakeoverPop(
  plan: TakeoverPopPlan,
  tracker: IssueTracker,
  git: GitWorkspace,
  identity: Required<PopIdentity>,
): Promise<TakeoverPopResult> {
  const lostTo: number[] = [];
  for (const stale of plan.stale.slice(0, MOST_TRIED)) {
    const taken = await takeOverClaim(tracker, stale, { ...identity, login: plan.login });
    if (!taken) {
      lostTo.push(stale.issueNumber);
      continue;
    }
    const { issue } = taken;
    const branch = branchFor(identity.agentId, issue);
    await git.fetch("origin", plan.baseBranch);
    const continued = await git
      .fetch("origin", taken.continueFrom)
      .then(() => true)
      .catch(() => false);
    const startPoint = continued ? `origin/${taken.continueFrom}` : `origin/${plan.baseBranch}`;
    // The claim is ours from here whatever happens to the branch: a clone that cannot place it
    // leaves a claim `status` shows and `reset` releases (a takeover cannot be rolled back).
    const { workdir } = await placeBranch(git, plan, issue, branch, startPoint);
    await git.rememberLease(identity.agentId, taken.leaseSha).catch(() => undefined);
    return {
      number: issue.number,
      title: issue.title,
      branch,
      url: issue.url,
      workdir,
      previousAgent: taken.previous.agent,
      epoch: taken.epoch,
      continuedFrom: continued ? taken.continueFrom : null,
      lostTo,
    };
  }
  throw new NothingToDoError(
    `every stale claim tried (${lostTo.map((n) => `#${n}`).join(", ")}) was taken over by another agent first`,
  );
}
