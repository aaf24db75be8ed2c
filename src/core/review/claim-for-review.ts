import { ClaimTakenError } from "../../errors/index.js";
import { writeLease, type PopIdentity } from "../pop/apply-pop.js";
import type { IssueTracker } from "../ports.js";

/**
 * Claim one of our pull requests for a rework round (the loop, `pop --rework`): the issue's claim
 * ref at a fresh lease, exactly like an issue's claim, so two agents never rework one pull
 * request. No marks: the issue stays in `route:review`, where people see it. Returns the lease
 * commit, or undefined when someone else holds the claim (they are on it).
 */
export async function claimForReview(
  tracker: Pick<IssueTracker, "createLeaseCommit" | "createClaimRef">,
  issueNumber: number,
  login: string,
  identity: PopIdentity,
): Promise<string | undefined> {
  const leaseSha = await writeLease(tracker, login, identity);
  try {
    await tracker.createClaimRef(issueNumber, leaseSha);
  } catch (error) {
    if (error instanceof ClaimTakenError) return undefined;
    throw error;
  }
  return leaseSha;
}
