import type { FaultSpec } from "../../src/fake-github/index.js";
import type { World } from "./e2e-world.js";

/** The faults every write path must survive: an error, a lost request, a lost answer, throttling. */
export const FAULT_KINDS: ReadonlyArray<{ name: string; fault: FaultSpec }> = [
  { name: "502", fault: { kind: "status", status: 502 } },
  { name: "dropped connection", fault: { kind: "drop" } },
  { name: "answer lost after the write", fault: { kind: "drop-after" } },
  { name: "secondary rate limit", fault: { kind: "secondary-rate-limit", retryAfterSeconds: 1 } },
  // Outlasts the retries, and also fails whatever clean-up the command attempts right after.
  { name: "502s outlasting the retries", fault: { kind: "status", status: 502, times: 10 } },
];

/**
 * One fault kind at every request is dozens of CLI runs, slower still beside the other kinds and
 * files running at once: the timeout is there to catch a hang, not to time the matrix.
 */
export const MATRIX_TIMEOUT_MS = 300_000;

/** Exit codes a command may end with when GitHub misbehaves (design §7), before a re-run completes it. */
export const FAULT_EXIT_CODES = [0, 4];

/** Every claim ref has its marks and every mark has its ref (design §3). */
export async function claimsConsistent(world: World): Promise<string[]> {
  const refs = (await world.api("GET", "/repos/acme/widgets/git/matching-refs/my-little-soda/claims/")).data as Array<{
    ref: string;
  }>;
  const locked = new Set(refs.map((ref) => Number(ref.ref.split("/").pop())));
  const problems: string[] = [];
  for (const issue of world.repo.issues()) {
    if (issue.isPullRequest) continue;
    const marked = issue.labels.some((label) => /^agent\d+$/.test(label));
    if (locked.has(issue.number) && !marked) problems.push(`#${issue.number}: lock without marks`);
    if (!locked.has(issue.number) && marked) problems.push(`#${issue.number}: marks without lock`);
  }
  return problems;
}
