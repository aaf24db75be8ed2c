import { isLeaseStale, type Lease } from "../../domain/lease.js";
import type { IssueTracker } from "../ports.js";

export interface StaleClaim {
  issueNumber: number;
  /** The lease commit the claim ref points at: the takeover must fast-forward from exactly it. */
  sha: string;
  lease: Lease;
}

/** Claims read at most per look: bounded by the fleet's size, never by the queue (design §9). */
const MOST_LEASES_READ = 20;

/**
 * Claims of other agents whose lease expired (design §3), oldest heartbeat first: the holder is
 * presumed gone. One listing of the claim refs, then one lease read per claim (commits never
 * change, so the ETag cache answers repeats). A lease that cannot be read is left to people.
 */
export async function findStaleClaims(
  tracker: Pick<IssueTracker, "listClaimRefs" | "readLease">,
  options: { agentId: string; now: Date; leaseMinutes: number },
): Promise<StaleClaim[]> {
  const refs = (await tracker.listClaimRefs()).slice(0, MOST_LEASES_READ);
  const leases = await Promise.all(refs.map((ref) => tracker.readLease(ref.sha)));
  const stale: StaleClaim[] = [];
  refs.forEach((ref, index) => {
    const lease = leases[index];
    if (!lease || lease.agent === options.agentId) return;
    if (isLeaseStale(lease, options.now, options.leaseMinutes))
      stale.push({ issueNumber: ref.issueNumber, sha: ref.sha, lease });
  });
  return stale.sort((a, b) => a.lease.heartbeatAt.getTime() - b.lease.heartbeatAt.getTime());
}
