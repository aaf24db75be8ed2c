import type { Lease } from "../domain/lease.js";
import { NotFoundError } from "../errors/index.js";
import type { ClaimRef, IssueTracker } from "./ports.js";

/**
 * The lease a claim ref points at, or undefined when its commit is not a lease. A lock pointing
 * at no commit at all reads the same: its holder is unknown either way.
 */
export async function readLeaseOf(tracker: Pick<IssueTracker, "readLease">, ref: ClaimRef): Promise<Lease | undefined> {
  try {
    return await tracker.readLease(ref.sha);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
