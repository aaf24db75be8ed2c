import { isTerminalState, type WorkItemLog } from "../store-port.js";
import type { GitWorkspace } from "../ports.js";

type Attempts = Pick<WorkItemLog, "attemptsFor">;

/** Rework rounds the loop completed on an issue's pull request, from the local store (0 without one). */
export function reworkRoundsOf(store: Attempts | undefined, issueNumber: number): number {
  if (!store) return 0;
  return store.attemptsFor(issueNumber).filter((item) => item.kind === "rework" && item.state === "done").length;
}

/** The rework round the loop has under way on an issue's pull request, if any. */
export function reworkInProgressOf(store: Attempts | undefined, issueNumber: number): number | undefined {
  const item = store
    ?.attemptsFor(issueNumber)
    .filter((attempt) => attempt.kind === "rework" && !isTerminalState(attempt.state))
    .at(-1);
  return item?.round;
}

/**
 * When the branch was last pushed by us — so that comments since then are new feedback: the
 * loop's last delivery or rework round in the store, or else the time of the head commit (from
 * git, fetching the branch only when the commit is not here yet). Outside a checkout nothing
 * tells, and every comment counts.
 */
export async function lastPushOf(
  deps: { store: Attempts | undefined; git: GitWorkspace | undefined },
  pull: { issueNumber: number; headBranch: string; headSha: string },
): Promise<Date> {
  const done = deps.store
    ?.attemptsFor(pull.issueNumber)
    .filter((item) => item.kind !== "land" && item.state === "done")
    .at(-1);
  // GitHub's times have whole seconds: a comment made in the second of our push must still count.
  if (done) return new Date(Math.floor(done.updatedAt.getTime() / 1000) * 1000);
  const { git } = deps;
  if (!git) return new Date(0);
  const known = await git.commitTime(pull.headSha);
  if (known) return known;
  await git.fetch("origin", pull.headBranch).catch(() => undefined);
  return (await git.commitTime(`origin/${pull.headBranch}`)) ?? new Date(0);
}
