import { LABEL } from "../../domain/labels.js";
import { issueOfWorkBranch, workBranchOwner } from "../../domain/branch-name.js";
import type { OpenPullRequest, ReviewTracker } from "../review-ports.js";

export interface OwnPull {
  pull: OpenPullRequest;
  /** The issue the pull request delivers (from our branch name). */
  issueNumber: number;
}

/**
 * This agent's open pull requests in review: labelled `route:review`, not handed to people
 * (`route:human-only`), from a branch `<agent>/<issue>-<slug>` of ours. One request (a 304
 * while no pull request changed), whatever the number of other agents' pull requests on it.
 */
export async function findOwnPulls(
  review: ReviewTracker,
  agentId: string,
): Promise<{ own: OwnPull[]; hasNextPage: boolean }> {
  const { pulls, hasNextPage } = await review.listOpenPullRequests();
  const own: OwnPull[] = [];
  for (const pull of pulls) {
    if (!pull.labels.includes(LABEL.review) || pull.labels.includes(LABEL.humanOnly)) continue;
    const issueNumber = issueOfWorkBranch(agentId, pull.headBranch);
    if (issueNumber !== undefined) own.push({ pull, issueNumber });
  }
  return { own: own.sort((a, b) => a.pull.number - b.pull.number), hasNextPage };
}

export interface AgentPull extends OwnPull {
  /** The agent whose branch it is. */
  agentId: string;
  /** Labelled `route:human-only`: handed to people, no agent touches it. */
  handedToPeople: boolean;
}

/**
 * Every agent's open pull requests labelled `route:review` (for `status`), those handed to people
 * included, each with its agent and issue from the branch name. The same one request as
 * `findOwnPulls`: the 100 most recently updated open pull requests.
 */
export async function findAgentPulls(review: ReviewTracker): Promise<{ pulls: AgentPull[]; hasNextPage: boolean }> {
  const { pulls, hasNextPage } = await review.listOpenPullRequests();
  const found: AgentPull[] = [];
  for (const pull of pulls) {
    if (!pull.labels.includes(LABEL.review)) continue;
    const owner = workBranchOwner(pull.headBranch);
    if (owner === undefined) continue;
    found.push({ pull, ...owner, handedToPeople: pull.labels.includes(LABEL.humanOnly) });
  }
  return { pulls: found.sort((a, b) => a.pull.number - b.pull.number), hasNextPage };
}
