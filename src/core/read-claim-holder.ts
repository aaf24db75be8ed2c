import type { IssueTracker } from "./ports.js";

export type ClaimHolder = { holder: "us" } | { holder: "other"; agent: string } | { holder: "none" };

/**
 * Who holds an issue's claim ref, and the commit it points at. A ref still at the lease this
 * loop wrote (`ownLeaseSha`) is ours without reading the lease: one request instead of two.
 */
export async function readClaimHolder(
  tracker: Pick<IssueTracker, "getClaimRef" | "readLease">,
  issueNumber: number,
  agentId: string,
  ownLeaseSha?: string,
): Promise<{ sha: string | undefined; claim: ClaimHolder }> {
  const sha = await tracker.getClaimRef(issueNumber);
  if (!sha) return { sha, claim: { holder: "none" } };
  if (sha === ownLeaseSha) return { sha, claim: { holder: "us" } };
  const lease = await tracker.readLease(sha);
  return {
    sha,
    claim: lease?.agent === agentId ? { holder: "us" } : { holder: "other", agent: lease?.agent ?? "someone" },
  };
}
