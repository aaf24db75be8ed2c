/** Where claim locks live on GitHub (design §3): outside refs/heads/, so no one mistakes them for branches. */
export const CLAIM_REF_NAMESPACE = "my-little-soda/claims/";

/** `refs/my-little-soda/claims/<issue>`: the claim lock of one issue. */
export function claimRefName(issueNumber: number): string {
  return `refs/${CLAIM_REF_NAMESPACE}${issueNumber}`;
}
