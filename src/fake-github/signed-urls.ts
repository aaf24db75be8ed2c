import { randomBytes } from "node:crypto";

// GitHub answers a log download with a redirect to a pre-signed URL on another host: it needs
// no token and expires after a minute. The fake serves those URLs itself, under /_blob/.

export const SIGNED_URL_TTL_MS = 60_000;

export interface SignedTarget {
  repoKey: string;
  jobId: number;
}

export class SignedUrls {
  private readonly issued = new Map<string, SignedTarget & { expiresAt: number }>();

  /** The path and query of a fresh link; the caller prefixes the server's origin. */
  issue(target: SignedTarget): string {
    const signature = randomBytes(16).toString("hex");
    const expiresAt = Date.now() + SIGNED_URL_TTL_MS;
    this.issued.set(signature, { ...target, expiresAt });
    const expiry = encodeURIComponent(new Date(expiresAt).toISOString());
    return `/_blob/actions-results/job-logs/${target.jobId}.txt?se=${expiry}&sig=${signature}`;
  }

  /** "expired" and "invalid" are told apart, as a client would want to say which it was. */
  redeem(signature: string | undefined, jobId: number): SignedTarget | "expired" | "invalid" {
    const found = signature === undefined ? undefined : this.issued.get(signature);
    if (!found || found.jobId !== jobId) return "invalid";
    if (Date.now() > found.expiresAt) return "expired";
    return found;
  }
}
