import { describeWait } from "../../domain/dependencies.js";
import { INELIGIBLE_WORDS, ineligibilityOf } from "../../domain/eligibility.js";
import type { Issue } from "../../domain/issue.js";
import { GitError, NothingToDoError, UsageError } from "../../errors/index.js";
import type { GitWorkspace, IssueTracker } from "../ports.js";
import { screenDependencies } from "../screen-dependencies.js";
import { queuedCandidates } from "./race-candidates.js";

export interface PopRequest {
  tracker: IssueTracker;
  git: GitWorkspace;
  agentId: string;
  /** Configured base branch; undefined means the repository's default branch. */
  baseBranch: string | undefined;
  /** Claim this issue rather than the next in the queue. */
  issueNumber?: number;
  worktree: boolean;
  /**
   * The caller already knows this agent holds no claim (the autonomous loop, which released
   * its last one itself), so the check's request is saved.
   */
  knownFree?: boolean;
}

export interface PopPlan {
  login: string;
  baseBranch: string;
  root: string;
  /** Eligible issues in the order they will be tried (`spreadCandidates`). */
  candidates: Issue[];
  /** From the queue, which may be read again when every candidate is lost; false for `--issue N`. */
  fromQueue: boolean;
  worktree: boolean;
}

/** Everything pop checks and reads before its first write; `--dry-run` stops here. */
export async function planPop(request: PopRequest): Promise<PopPlan> {
  const { tracker, git, agentId } = request;
  const root = await git.root();
  if (!request.worktree) {
    const { changedTrackedFiles } = await git.status();
    if (changedTrackedFiles.length > 0) {
      throw new GitError(`the working tree has uncommitted changes (${describeFiles(changedTrackedFiles)})`, {
        hint: "commit or stash them first, or use `pop --worktree` to work in a separate worktree",
      });
    }
  }

  // Every read pop needs is independent of the others: one round trip for all of them (design §9).
  // The queue is read even when a held claim will refuse the pop; that costs a read, not a wait.
  const viewer = tracker.getViewer();
  const shared = {
    listOpenIssues: (query: Parameters<IssueTracker["listOpenIssues"]>[0]) => tracker.listOpenIssues(query),
    getIssue: (issueNumber: number) => tracker.getIssue(issueNumber),
    readIssueStates: (numbers: readonly number[]) => tracker.readIssueStates(numbers),
    getViewer: () => viewer,
  };
  const [held, { login }, baseBranch, read] = await Promise.all([
    request.knownFree
      ? Promise.resolve({ issues: [], hasNextPage: false })
      : tracker.listOpenIssues({ labels: [agentId], perPage: 10 }),
    viewer,
    request.baseBranch ?? tracker.getRepository().then((repository) => repository.defaultBranch),
    // Settled, so a held claim is reported before anything wrong with the candidates.
    (request.issueNumber === undefined
      ? queuedCandidates(shared, agentId)
      : namedCandidate(shared, request.issueNumber).then((issue) => [issue])
    ).then(
      (issues) => ({ issues }),
      (error: unknown) => ({ error }),
    ),
  ]);
  const claimed = held.issues.find((issue) => !issue.isPullRequest);
  if (claimed) {
    throw new UsageError(`${agentId} already holds a claim on #${claimed.number} (${claimed.title})`, {
      hint: "deliver it with `my-little-soda bottle`, or release it with `my-little-soda reset`; another agent id (--agent) can work in parallel",
    });
  }
  if ("error" in read) throw read.error;
  const candidates = read.issues;
  if (candidates.length === 0) {
    throw new NothingToDoError(
      "the queue is empty: no open issue is labelled route:ready or route:unblocker and free to take",
      { hint: "issues that wait for open issues are not free to take: `my-little-soda peek --explain` shows why" },
    );
  }
  return {
    login,
    baseBranch,
    root,
    candidates,
    fromQueue: request.issueNumber === undefined,
    worktree: request.worktree,
  };
}

async function namedCandidate(
  tracker: Pick<IssueTracker, "getIssue" | "getViewer" | "readIssueStates">,
  issueNumber: number,
): Promise<Issue> {
  const [issue, { login }] = await Promise.all([tracker.getIssue(issueNumber), tracker.getViewer()]);
  const reason = ineligibilityOf(issue, login);
  if (reason !== null) {
    throw new NothingToDoError(`#${issueNumber} cannot be claimed: ${INELIGIBLE_WORDS[reason]}`);
  }
  const [waiting] = (await screenDependencies([issue], new Map(), tracker)).waiting;
  if (waiting) {
    throw new NothingToDoError(`#${issueNumber} cannot be claimed: it ${describeWait(waiting.blockers)}`, {
      hint: "it becomes eligible when what it waits for is closed; `my-little-soda peek --explain` shows the queue's reasons",
    });
  }
  return issue;
}

function describeFiles(files: readonly string[]): string {
  const shown = files.slice(0, 3).join(", ");
  return files.length > 3 ? `${shown} and ${files.length - 3} more` : shown;
}
